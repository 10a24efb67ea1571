using System.Net;
using System.Text.Json;

namespace Tessera.Client.PixelEngine;

/// <summary>Reads Pixel Engine's <c>{"error":{"code","message"}}</c> into a <see cref="TesseraApiException"/>.</summary>
internal static class PixelEngineErrorReader
{
    public static async Task<TesseraApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new TesseraApiException(status, Text(error, "code") ?? Fallback(status), Text(error, "message") ?? response.ReasonPhrase);
            }

            // Tessera's own routes (the signed /files links) answer {"code","error"}.
            if (document.RootElement.ValueKind == JsonValueKind.Object && Text(document.RootElement, "code") is { } code)
            {
                return new TesseraApiException(status, code, Text(document.RootElement, "error") ?? response.ReasonPhrase);
            }
        }
        catch (JsonException)
        {
            // Not this surface's shape (a proxy's page, a file route's error): the generic reader's fallbacks apply.
        }

        return new TesseraApiException(status, Fallback(status), body.Length is > 0 and <= 200 ? body : response.ReasonPhrase);
    }

    private static string Fallback(HttpStatusCode status) => "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
