using System.Text.Json;
using Tessera.Common;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Imaging;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>Reads and checks an <c>/animate</c> body before any credit is held: a JSON object, a real image, the model's schema.</summary>
internal static class PixelEngineRequests
{
    public static async Task<Result<JsonElement>> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return PixelEngineErrors.Invalid("The body must be a JSON object.");
            }

            // Before any field is read: a string that is not Unicode would throw when read, a 500 instead of a 400.
            return JsonInput.Check(document.RootElement) is { } unusable
                ? PixelEngineErrors.Invalid(unusable.Message)
                : document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return PixelEngineErrors.Invalid("The body is not valid JSON.");
        }
    }

    /// <summary>
    /// <c>image</c> first (it has its own code, <c>invalid_image</c>): base64 (a <c>data:</c> URL prefix tolerated) of a
    /// PNG, JPEG, GIF or WebP, told by its magic number, within <see cref="ImagingOptions.MaxBytes"/>. Decoding the pixels
    /// is the engine's work, off the request path: bytes that look like an image but do not decode fail the job, and
    /// the credits come back. Then every other field against the model's schema (<c>invalid_request</c>, naming the field).
    /// </summary>
    public static Result<JsonElement> CheckAnimateInput(ModelDefinition model, JsonElement body, ImagingOptions limits)
    {
        if (!body.TryGetProperty("image", out var image) || image.ValueKind == JsonValueKind.Null)
        {
            return PixelEngineErrors.BadImage("image is required: a base64-encoded PNG, JPEG, GIF or WebP.");
        }

        if (image.ValueKind != JsonValueKind.String)
        {
            return PixelEngineErrors.BadImage("image must be a string: a base64-encoded PNG, JPEG, GIF or WebP.");
        }

        var checkedImage = CheckImage(image.GetString()!, limits.MaxBytes);
        if (checkedImage is { } imageError)
        {
            return imageError;
        }

        var valid = ModelInputValidator.Validate(model, body);
        return valid.IsSuccess ? valid : PixelEngineErrors.Invalid(valid.Error.Message);
    }

    private static Error? CheckImage(string text, long maxBytes)
    {
        var comma = text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = comma >= 0 ? text.AsSpan(comma + 1) : text.AsSpan();
        if (payload.IsWhiteSpace())
        {
            return PixelEngineErrors.BadImage("image must not be empty.");
        }

        if ((long)payload.Length / 4 * 3 > maxBytes)
        {
            return PixelEngineErrors.BadImage($"image is larger than {maxBytes} bytes.");
        }

        var bytes = new byte[((payload.Length + 3) / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(payload, bytes, out var written))
        {
            return PixelEngineErrors.BadImage("image is not valid base64.");
        }

        return ImageSniffer.Sniff(bytes.AsSpan(0, written)) == ImageFormat.Unknown
            ? PixelEngineErrors.BadImage("image is not a PNG, JPEG, GIF or WebP.")
            : null;
    }
}
