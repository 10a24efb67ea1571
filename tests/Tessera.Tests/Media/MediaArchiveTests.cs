using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Media;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Media;

public sealed class MediaArchiveTests
{
    /// <summary>A stream that only goes forward and only asynchronously, as a response body does.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }

    [Fact]
    public async Task Assets_stream_into_a_zip_on_a_forward_only_stream_with_unique_names_and_their_bytes()
    {
        await using var factory = new TesseraFactory();
        _ = factory.CreateClient();
        var account = await factory.CreateAdminClient().CreateAccountAsync("archive");
        var library = factory.Services.GetRequiredService<MediaLibrary>();
        var files = new[] { Png(red: 1), Png(red: 2), Png(red: 3) };
        var assets = new List<MediaAsset>();
        foreach (var bytes in files)
        {
            using var content = new MemoryStream(bytes);
            assets.Add((await library.UploadAsync(account, content, bytes.Length, new MediaUpload("same.png", null, null, [], null), Ct)).Value);
        }

        using var buffer = new MemoryStream();
        await factory.Services.GetRequiredService<MediaArchive>().WriteAsync(new ForwardOnly(buffer), assets, Ct);

        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        Assert.Equal(["same.png", "same-2.png", "same-3.png"], zip.Entries.Select(entry => entry.FullName));
        for (var i = 0; i < files.Length; i++)
        {
            using var entry = zip.Entries[i].Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy, Ct);
            Assert.Equal(files[i], copy.ToArray());
        }
    }
}
