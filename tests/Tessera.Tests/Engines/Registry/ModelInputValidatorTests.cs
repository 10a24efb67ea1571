using System.Text.Json;
using Tessera.Engines;
using Tessera.Engines.Models;

namespace Tessera.Tests.Engines.Registry;

public sealed class ModelInputValidatorTests
{
    private const string GoodImage = """{"prompt":"A fantasy castle","aspect_ratio":"16:9","num_outputs":2,"seed":42,"image_url":"https://example.com/a.png","webhook_url":"http://example.com/hook","width":1024,"height":576}""";
    private const string GoodVideo = """{"prompt":"Waves","duration":7.5,"aspect_ratio":"9:16","seed":1}""";
    private const string GoodAnimation = """{"image":"iVBORw0KGgo=","prompt":"a character walking left","frames":8,"fps":12,"format":"webp"}""";

    private static readonly ModelDefinition ImageModel = new() { Id = "img", OutputKind = OutputRoles.Image };
    private static readonly ModelDefinition VideoModel = new() { Id = "vid", OutputKind = OutputRoles.Video };
    private static readonly ModelDefinition AnimationModel = new() { Id = "anim", OutputKind = OutputRoles.Animation };

    [Theory]
    [InlineData(OutputRoles.Image, GoodImage)]
    [InlineData(OutputRoles.Image, """{"prompt":"2024-01-01"}""")]
    [InlineData(OutputRoles.Image, """{"prompt":"x","style":"anything: model-specific fields are allowed"}""")]
    [InlineData(OutputRoles.Video, GoodVideo)]
    [InlineData(OutputRoles.Animation, GoodAnimation)]
    public void Each_default_schema_accepts_a_good_input(string kind, string input)
    {
        var result = ModelInputValidator.Validate(Model(kind), Json(input));

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Theory]
    [InlineData("""{"aspect_ratio":"1:1"}""", "prompt: is required")]
    [InlineData("""{"prompt":""}""", "prompt: must not be empty")]
    [InlineData("""{"prompt":5}""", "prompt: must be a string")]
    [InlineData("""{"prompt":"x","aspect_ratio":"5:4"}""", "aspect_ratio: must be one of 1:1, 16:9")]
    [InlineData("""{"prompt":"x","num_outputs":5}""", "num_outputs: must be ≤ 4")]
    [InlineData("""{"prompt":"x","num_outputs":0}""", "num_outputs: must be ≥ 1")]
    [InlineData("""{"prompt":"x","num_outputs":1.5}""", "num_outputs: must be an integer")]
    [InlineData("""{"prompt":"x","seed":-1}""", "seed: must be ≥ 0")]
    [InlineData("""{"prompt":"x","seed":"abc"}""", "seed: must be an integer")]
    [InlineData("""{"prompt":"x","image_url":"ftp://example.com/a.png"}""", "image_url: must be an http(s) URL")]
    [InlineData("""{"prompt":"x","image_url":"not a url"}""", "image_url: must be")]
    [InlineData("""{"prompt":"x","webhook_url":"file:///etc/passwd"}""", "webhook_url: must be an http(s) URL")]
    [InlineData("""{"prompt":"x","width":10}""", "width: must be ≥ 64")]
    [InlineData("""{"prompt":"x","height":5000}""", "height: must be ≤ 2048")]
    [InlineData("""["prompt"]""", "input: must be a JSON object")]
    public void The_image_schema_rejects_each_bad_field_by_name(string input, string expected)
    {
        var result = ModelInputValidator.Validate(ImageModel, Json(input));

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_error", result.Error.Code);
        Assert.Equal(400, result.Error.Status);
        Assert.StartsWith(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_over_4000_characters_is_refused()
    {
        var result = ModelInputValidator.Validate(ImageModel, Json(JsonSerializer.Serialize(new { prompt = new string('a', 4001) })));

        Assert.Equal("prompt: must be at most 4000 characters", result.Error?.Message);
    }

    [Theory]
    [InlineData("""{"prompt":"x","duration":11}""", "duration: must be ≤ 10")]
    [InlineData("""{"prompt":"x","duration":0.5}""", "duration: must be ≥ 1")]
    [InlineData("""{"prompt":"x","duration":"5"}""", "duration: must be a number")]
    [InlineData("""{"prompt":"x","num_outputs":2}""", "num_outputs: must be ≤ 1")]
    [InlineData("""{"duration":5}""", "prompt: is required")]
    public void The_video_schema_rejects_each_bad_field_by_name(string input, string expected)
    {
        Assert.Equal(expected, ModelInputValidator.Validate(VideoModel, Json(input)).Error?.Message);
    }

    [Theory]
    [InlineData("""{"prompt":"walk"}""", "image: is required")]
    [InlineData("""{"image":"iVBORw0KGgo="}""", "prompt: is required")]
    [InlineData("""{"image":"","prompt":"walk"}""", "image: must not be empty")]
    [InlineData("""{"image":"iVBORw0KGgo=","prompt":"walk","frames":100}""", "frames: must be ≤ 32")]
    [InlineData("""{"image":"iVBORw0KGgo=","prompt":"walk","fps":0}""", "fps: must be ≥ 1")]
    [InlineData("""{"image":"iVBORw0KGgo=","prompt":"walk","format":"mp4"}""", "format: must be one of gif, webp")]
    public void The_animation_schema_rejects_each_bad_field_by_name(string input, string expected)
    {
        Assert.Equal(expected, ModelInputValidator.Validate(AnimationModel, Json(input)).Error?.Message);
    }

    [Fact]
    public void A_model_schema_replaces_the_default_and_is_what_the_schema_route_serves()
    {
        const string schema = """{"type":"object","required":["text"],"properties":{"text":{"type":"string"}},"additionalProperties":false}""";
        var model = new ModelDefinition { Id = "custom", Schema = schema };

        Assert.Equal(schema, ModelInputValidator.SchemaText(model));
        Assert.True(ModelInputValidator.Validate(model, Json("""{"text":"hi"}""")).IsSuccess);
        Assert.Equal("prompt: is not a known field", ModelInputValidator.Validate(model, Json("""{"text":"hi","prompt":"x"}""")).Error?.Message);
        Assert.Equal(DefaultSchemas.Video, ModelInputValidator.SchemaText(VideoModel));
    }

    [Fact]
    public void Several_problems_are_listed_together()
    {
        var message = ModelInputValidator.Validate(ImageModel, Json("""{"num_outputs":9,"seed":-3}""")).Error?.Message ?? "";

        Assert.Contains("prompt: is required", message, StringComparison.Ordinal);
        Assert.Contains("num_outputs: must be ≤ 4", message, StringComparison.Ordinal);
        Assert.Contains("seed: must be ≥ 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_default_schema_is_valid_json_schema()
    {
        Assert.All([DefaultSchemas.Image, DefaultSchemas.Video, DefaultSchemas.Animation], schema => Assert.Null(ModelInputValidator.ProblemWith(schema)));
    }

    private static ModelDefinition Model(string kind) => kind switch
    {
        OutputRoles.Video => VideoModel,
        OutputRoles.Animation => AnimationModel,
        _ => ImageModel,
    };

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
