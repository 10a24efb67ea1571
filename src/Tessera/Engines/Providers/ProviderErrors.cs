using System.Net;
using System.Text.Json;

namespace Tessera.Engines.Providers;

/// <summary>
/// How a provider's failure is classified. Transient (retry, then fall back): 408, 425, 429, 5xx, timeouts, dropped
/// connections. Not transient: other 4xx (bad request, bad key, unknown model), failed or canceled predictions, garbage output.
/// </summary>
internal static class ProviderErrors
{
    public static EngineException FromStatus(string engine, HttpStatusCode status, string message)
    {
        var code = (int)status;
        var text = $"{engine}: {message} (HTTP {code})";
        return code switch
        {
            429 => new EngineException("provider_rate_limited", text, transient: true),
            408 or 425 or >= 500 => new EngineException("provider_unavailable", text, transient: true),
            _ => new EngineException("provider_error", text, transient: false),
        };
    }

    /// <summary>The message of the usual error shapes: <c>{error:{message}}</c> (OpenAI, ComfyUI), <c>{detail}</c> (Replicate), <c>{error:"..."}</c>.</summary>
    public static string? CommonMessage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }

            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["detail", "message", "title"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
