namespace Tessera.Engines.Providers;

/// <summary>Decodes a base64 output (OpenAI's <c>b64_json</c>, data: URLs) within the size bound.</summary>
internal static class Base64Output
{
    public static byte[] Decode(ReadOnlySpan<char> base64, long maxBytes, string engine)
    {
        if ((long)base64.Length / 4 * 3 > maxBytes + 2)
        {
            throw new EngineException("bad_output", $"{engine} returned an output larger than {maxBytes} bytes", transient: false);
        }

        var bytes = new byte[base64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written))
        {
            throw new EngineException("bad_output", $"{engine} returned output that is not valid base64", transient: false);
        }

        return bytes[..written];
    }
}
