using Tessera.Imaging;

namespace Tessera.Engines.Providers;

/// <summary>
/// Turns downloaded bytes into an <see cref="EngineOutput"/>, with the content type read from the bytes (magic numbers),
/// never from the provider's header or file name: an HTML error page served as <c>image/png</c> fails as <c>bad_output</c>.
/// </summary>
internal static class OutputCheck
{
    public static EngineOutput ToOutput(byte[] bytes, ModelDefinition model, string engine)
    {
        var contentType = ContentTypeOf(bytes)
            ?? throw new EngineException("bad_output", $"{engine} returned {bytes.Length} bytes that are not a PNG, JPEG, GIF, WebP, MP4 or WebM file", transient: false);
        return new EngineOutput(bytes, contentType, model.OutputKind);
    }

    /// <summary>The output types' one rule (<see cref="OutputMedia"/>), shared with the job runner's check.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes) => OutputMedia.ContentTypeOf(bytes);
}
