using Tessera.Jobs;

namespace Tessera.Tests.Jobs;

/// <summary>
/// One rule for output media (Imaging/OutputMedia): what a provider engine accepts from a download, the job runner stores
/// and serves. Before, providers accepted WebM and the job check then failed the job; and the job check took any ISO
/// <c>ftyp</c> file (an AVIF still, say) for <c>video/mp4</c>.
/// </summary>
public sealed class OutputCheckTests
{
    private static readonly byte[] WebM = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01];

    [Fact]
    public void A_webm_video_a_provider_engine_accepts_is_an_output_a_job_keeps()
    {
        Assert.Equal("video/webm", Tessera.Engines.Providers.OutputCheck.ContentTypeOf(WebM));
        Assert.Null(OutputCheck.Problem(new JobResult([new JobFile(WebM, "video/webm", "output")]), outputsRequired: true));
    }

    [Fact]
    public void An_avif_still_claimed_as_mp4_is_refused_by_both()
    {
        var avif = Ftyp("avif", "mif1", "miaf");
        Assert.Null(Tessera.Engines.Providers.OutputCheck.ContentTypeOf(avif));
        Assert.NotNull(OutputCheck.Problem(new JobResult([new JobFile(avif, "video/mp4", "output")]), outputsRequired: true));
    }

    [Fact]
    public void An_mp4_is_kept_and_html_claimed_as_png_is_refused()
    {
        var mp4 = Ftyp("isom", "isom", "mp41");
        Assert.Equal("video/mp4", Tessera.Engines.Providers.OutputCheck.ContentTypeOf(mp4));
        Assert.Null(OutputCheck.Problem(new JobResult([new JobFile(mp4, "video/mp4", "output")]), outputsRequired: true));
        Assert.NotNull(OutputCheck.Problem(new JobResult([new JobFile("<html></html>"u8.ToArray(), "image/png", "output")]), outputsRequired: true));
    }

    private static byte[] Ftyp(string major, params string[] compatible)
    {
        var brands = string.Concat(compatible);
        var size = 16 + brands.Length;
        var box = new byte[size + 8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        System.Text.Encoding.ASCII.GetBytes("ftyp" + major + "\0\0\0\0" + brands).CopyTo(box, 4);
        return box;
    }
}
