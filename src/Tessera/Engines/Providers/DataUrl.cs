namespace Tessera.Engines.Providers;

/// <summary>Decodes a base64 <c>data:</c> URL, the form some providers use for small outputs.</summary>
internal static class DataUrl
{
    public static byte[] Decode(string url, long maxBytes, string engine)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineException("bad_output", $"{engine} returned a data: URL that is not base64", transient: false);
        }

        return Base64Output.Decode(url.AsSpan(comma + 1), maxBytes, engine);
    }
}
