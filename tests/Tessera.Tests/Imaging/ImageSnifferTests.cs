using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>Types are told from content: images of every format, video containers and PDF, never from a name.</summary>
public sealed class ImageSnifferTests
{
    private static byte[] Ftyp(string major, params string[] compatible)
    {
        var brands = string.Concat(compatible);
        var size = 16 + brands.Length;
        var box = new byte[size + 8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        System.Text.Encoding.ASCII.GetBytes("ftyp" + major + "\0\0\0\0" + brands).CopyTo(box, 4);
        return box;
    }

    [Theory]
    [InlineData(".png", "png", "image/png")]
    [InlineData(".jpg", "jpeg", "image/jpeg")]
    [InlineData(".gif", "gif", "image/gif")]
    [InlineData(".webp", "webp", "image/webp")]
    [InlineData(".tif", "tiff", "image/tiff")]
    public void Images_libvips_writes_are_told_apart(string suffix, string format, string contentType)
    {
        using var black = Image.Black(4, 4, bands: 3);
        var media = ImageSniffer.Detect(black.WriteToBuffer(suffix));
        Assert.Equal(MediaKind.Image, media.Kind);
        Assert.Equal(format, media.Format);
        Assert.Equal(contentType, media.ContentType);
    }

    [Fact]
    public void Iso_media_is_told_by_its_brand()
    {
        Assert.Equal("avif", ImageSniffer.Detect(Ftyp("avif", "mif1", "miaf")).Format);
        Assert.Equal("avif", ImageSniffer.Detect(Ftyp("mif1", "mif1", "avif")).Format);
        Assert.Equal(ImageFormat.Avif, ImageSniffer.Sniff(Ftyp("avis")));
        Assert.Equal("heif", ImageSniffer.Detect(Ftyp("heic", "mif1", "heic")).Format);
        Assert.Equal(ImageFormat.Heif, ImageSniffer.Sniff(Ftyp("mif1", "heic")));

        var mp4 = ImageSniffer.Detect(Ftyp("isom", "isom", "mp41"));
        Assert.Equal((MediaKind.Video, "mp4", "video/mp4"), (mp4.Kind, mp4.Format, mp4.ContentType));
        var mov = ImageSniffer.Detect(Ftyp("qt  "));
        Assert.Equal((MediaKind.Video, "mov", "video/quicktime"), (mov.Kind, mov.Format, mov.ContentType));
        Assert.Equal(ImageFormat.Unknown, ImageSniffer.Sniff(Ftyp("isom")));
    }

    [Fact]
    public void Webm_pdf_and_bmp_are_recognised_and_text_is_other()
    {
        Assert.Equal((MediaKind.Video, "webm"), Pair(ImageSniffer.Detect([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81])));
        Assert.Equal((MediaKind.Document, "pdf"), Pair(ImageSniffer.Detect("%PDF-1.7\n%\u00e2\u00e3"u8)));
        byte[] bmp = [(byte)'B', (byte)'M', 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0];
        Assert.Equal((MediaKind.Image, "bmp"), Pair(ImageSniffer.Detect(bmp)));
        Assert.Equal(SniffedMedia.Other, ImageSniffer.Detect("BMW is a car, not a bitmap"u8));
        Assert.Equal(SniffedMedia.Other, ImageSniffer.Detect("<html><body>png</body></html>"u8));
        Assert.Equal(SniffedMedia.Other, ImageSniffer.Detect([]));
    }

    private static (MediaKind, string) Pair(SniffedMedia media) => (media.Kind, media.Format);
}
