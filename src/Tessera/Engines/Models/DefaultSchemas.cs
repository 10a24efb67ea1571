namespace Tessera.Engines.Models;

/// <summary>
/// The input JSON schema a model gets when its <see cref="ModelDefinition.Schema"/> is empty, one per output kind.
/// Every default schema allows fields it does not name (<c>additionalProperties: true</c>): the seed says
/// "model-specific parameters vary", local engines ignore unknown fields and the Replicate engine forwards them.
/// </summary>
public static class DefaultSchemas
{
    public const string Image = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Image generation input",
          "type": "object",
          "required": ["prompt"],
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "maxLength": 4000, "description": "The text prompt for generation." },
            "aspect_ratio": { "type": "string", "enum": ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"], "default": "1:1" },
            "num_outputs": { "type": "integer", "minimum": 1, "maximum": 4, "default": 1, "description": "Number of images; each is charged." },
            "seed": { "type": "integer", "minimum": 0, "maximum": 2147483647, "description": "Random seed for reproducibility." },
            "image_url": { "type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "maxLength": 2048, "description": "Optional http(s) image for image-conditioned models." },
            "webhook_url": { "type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "maxLength": 2048, "description": "Called when the job completes or fails." },
            "width": { "type": "integer", "minimum": 64, "maximum": 2048 },
            "height": { "type": "integer", "minimum": 64, "maximum": 2048 }
          },
          "additionalProperties": true
        }
        """;

    public const string Video = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Video generation input",
          "type": "object",
          "required": ["prompt"],
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "maxLength": 4000, "description": "The text prompt for generation." },
            "aspect_ratio": { "type": "string", "enum": ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"], "default": "16:9" },
            "duration": { "type": "number", "minimum": 1, "maximum": 10, "default": 5, "description": "Seconds of video; charged per second." },
            "num_outputs": { "type": "integer", "minimum": 1, "maximum": 1, "default": 1, "description": "One video per job." },
            "seed": { "type": "integer", "minimum": 0, "maximum": 2147483647, "description": "Random seed for reproducibility." },
            "image_url": { "type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "maxLength": 2048, "description": "Optional http(s) first frame for image-to-video." },
            "webhook_url": { "type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "maxLength": 2048, "description": "Called when the job completes or fails." },
            "width": { "type": "integer", "minimum": 64, "maximum": 2048 },
            "height": { "type": "integer", "minimum": 64, "maximum": 2048 }
          },
          "additionalProperties": true
        }
        """;

    public const string Animation = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Sprite animation input",
          "type": "object",
          "required": ["image", "prompt"],
          "properties": {
            "image": { "type": "string", "minLength": 1, "contentEncoding": "base64", "contentMediaType": "image/png", "description": "The sprite: a base64-encoded PNG (a data: URL prefix is tolerated)." },
            "prompt": { "type": "string", "minLength": 1, "maxLength": 4000, "description": "The motion, e.g. \"a character walking left\"." },
            "frames": { "type": "integer", "minimum": 2, "maximum": 32, "default": 8 },
            "fps": { "type": "integer", "minimum": 1, "maximum": 30, "default": 8 },
            "format": { "type": "string", "enum": ["gif", "webp"], "default": "gif" },
            "seed": { "type": "integer", "minimum": 0, "maximum": 2147483647 }
          },
          "additionalProperties": true
        }
        """;

    /// <summary>The default schema for an output kind (<c>image</c>, <c>video</c>, <c>animation</c>).</summary>
    public static string For(string outputKind) => outputKind switch
    {
        OutputRoles.Video => Video,
        OutputRoles.Animation => Animation,
        _ => Image,
    };
}
