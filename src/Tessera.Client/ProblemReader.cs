using System.Net;
using System.Text.Json;

namespace Tessera.Client;

/// <summary>Turns an unsuccessful response into a <see cref="TesseraApiException"/>, whatever its body holds.</summary>
internal static class ProblemReader
{
    public static async Task<TesseraApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var fallbackCode = "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new TesseraApiException(status, fallbackCode, response.ReasonPhrase);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TesseraApiException(status, fallbackCode, response.ReasonPhrase);
            }

            return new TesseraApiException(
                status,
                Text(root, "code") ?? fallbackCode,
                Text(root, "detail") ?? Text(root, "title") ?? response.ReasonPhrase,
                Text(root, "title"),
                Text(root, "type"));
        }
        catch (JsonException)
        {
            return new TesseraApiException(status, fallbackCode, Truncate(body));
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "...";

    internal static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
