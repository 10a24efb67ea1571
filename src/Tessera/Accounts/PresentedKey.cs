using System.Text.Json;
using Tessera.Http;
using Tessera.Common;

namespace Tessera.Accounts;

/// <summary>
/// Finds the key a request presents: <c>Authorization: Bearer</c>, then <c>X-API-Key</c>, then (only on surfaces whose
/// doc allows it) a top-level <c>api_key</c> field of a JSON body, which is buffered so the handler can read it again.
/// </summary>
internal static class PresentedKey
{
    private const int MaxBodyScan = 1024 * 1024;

    /// <summary>
    /// Whether the request could present a key at all: an <c>Authorization</c> or <c>X-API-Key</c> header, or a body
    /// (which may carry <c>api_key</c>). When not, authentication has nothing to find and is skipped.
    /// </summary>
    public static bool MayBePresent(HttpContext context)
    {
        var headers = context.Request.Headers;
        return headers.Authorization.Count > 0 || headers.ContainsKey("X-API-Key")
               || context.Request.ContentLength > 0 || headers.TransferEncoding.Count > 0;
    }

    public static async ValueTask<string?> FindAsync(HttpContext context, Surface? surface)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 0 && authorization[0] is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }

        if (context.Request.Headers.TryGetValue("X-API-Key", out var apiKey) && apiKey.Count > 0 && !string.IsNullOrWhiteSpace(apiKey[0]))
        {
            return apiKey[0]!.Trim();
        }

        if (surface is { AcceptsBodyApiKey: true } && context.Request.HasJsonContentType() && context.Request.ContentLength is > 0 and <= MaxBodyScan)
        {
            return await FromBodyAsync(context);
        }

        return null;
    }

    private static async ValueTask<string?> FromBodyAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("api_key", out var value) &&
                   value.ValueKind == JsonValueKind.String &&
                   JsonInput.TryGetString(value, out var key) // a lone surrogate is no key: 401, not the getter's exception
                ? key
                : null;
        }
        catch (JsonException)
        {
            return null; // the endpoint's own binding reports the malformed body as invalid_json
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
