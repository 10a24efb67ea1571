using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Tessera.Canvas.Rendering;

/// <summary>
/// Keeps the PNG of an RGB image (a pixel canvas, the placement composite, a tile) current by re-compressing only the bands of rows that changed. Each band of
/// <see cref="BandHeight"/> rows is deflated on its own and ends with a sync flush, so the bands concatenate into one
/// valid zlib stream; each band is its own IDAT chunk (with its own CRC), and the stream's Adler-32 is combined from
/// the bands' checksums. A write that touches one band costs one band's compression (50 rows × 3000 bytes) instead of
/// the whole 3 MB image; see docs/one-million-pixels.md for the measured write-to-PNG time.
/// Not thread-safe: its owner (<see cref="Pixels.CanvasState"/>, the placement renderer) calls it under its own lock.
/// </summary>
internal sealed class BandedPngEncoder
{
    public const int BandHeight = 50;

    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly IRgbRows _raster;
    private readonly Band[] _bands;
    private readonly byte[] _header;
    private byte[]? _png;

    public BandedPngEncoder(IRgbRows raster)
    {
        _raster = raster;
        _bands = new Band[(raster.Height + BandHeight - 1) / BandHeight];
        for (var i = 0; i < _bands.Length; i++)
        {
            _bands[i] = new Band { Dirty = true };
        }

        _header = BuildHeader(raster.Width, raster.Height);
    }

    public void MarkRow(int y)
    {
        _bands[y / BandHeight].Dirty = true;
        _png = null;
    }

    public void MarkAll()
    {
        foreach (var band in _bands)
        {
            band.Dirty = true;
        }

        _png = null;
    }

    /// <summary>The current PNG, re-encoding the dirty bands first.</summary>
    public byte[] Render()
    {
        if (_png is not null)
        {
            return _png;
        }

        // Bands compress independently, so dirty ones go in parallel (a write spread over the whole canvas dirties
        // all 20; one agent's rectangle usually one or two).
        var rowBytes = 1 + _raster.Width * 3;
        var dirty = Enumerable.Range(0, _bands.Length).Where(i => _bands[i].Dirty).ToArray();
        Parallel.ForEach(dirty, () => new byte[BandHeight * rowBytes], (index, _, raw) =>
        {
            Compress(index, raw, rowBytes);
            return raw;
        }, _ => { });

        // zlib header (deflate, 32K window, fastest) + bands + an empty final fixed block + Adler-32 of all raw bytes.
        var adler = 1u;
        var length = Signature.Length + _header.Length + 12 + 2 + 12 + 2 + 4 + 12;
        foreach (var band in _bands)
        {
            adler = Adler32.Combine(adler, band.Adler, band.RawLength);
            length += band.Chunk.Length;
        }

        var png = new byte[length];
        var span = png.AsSpan();
        Signature.CopyTo(span);
        span = span[Signature.Length..];
        _header.CopyTo(span);
        span = span[_header.Length..];
        span = WriteChunk(span, "IDAT"u8, [0x78, 0x01]);
        foreach (var band in _bands)
        {
            band.Chunk.CopyTo(span);
            span = span[band.Chunk.Length..];
        }

        Span<byte> tail = stackalloc byte[6];
        tail[0] = 0x03;
        tail[1] = 0x00;
        BinaryPrimitives.WriteUInt32BigEndian(tail[2..], adler);
        span = WriteChunk(span, "IDAT"u8, tail);
        WriteChunk(span, "IEND"u8, []);
        _png = png;
        return png;
    }

    private void Compress(int index, byte[] raw, int rowBytes)
    {
        var first = index * BandHeight;
        var rows = Math.Min(BandHeight, _raster.Height - first);
        for (var r = 0; r < rows; r++)
        {
            raw[r * rowBytes] = 0; // filter: none (fastest to encode; the canvas is mostly flat colour anyway)
            _raster.CopyRowRgb(first + r, raw.AsSpan(r * rowBytes + 1, rowBytes - 1));
        }

        var data = raw.AsSpan(0, rows * rowBytes);

        // A band that deflate could not shrink last time (noise: every pixel a different colour) is stored instead:
        // the same size, at memcpy speed. Measured on a canvas of random colours: re-encoding all 20 bands went from
        // ~32 ms to a few ms. Every 8th time such a band is tried with deflate again, in case it has become flat.
        var previous = _bands[index];
        var stored = previous.Incompressible && previous.Generation % 8 != 0;
        var adler = Adler32.Compute(data);
        byte[] chunk;
        bool incompressible;
        if (stored)
        {
            chunk = StoredChunk(data, previous.Chunk);
            incompressible = true;
        }
        else
        {
            using var compressed = new MemoryStream(data.Length + 1024);
            int flushed;
            using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(data);
                deflate.Flush(); // sync flush: byte-aligned, not final, so the next band can follow
                flushed = (int)compressed.Length; // what disposing appends (a final block) is not part of the band
            }

            var deflated = compressed.GetBuffer().AsSpan(0, flushed);
            chunk = new byte[12 + deflated.Length];
            WriteChunk(chunk, "IDAT"u8, deflated);
            incompressible = deflated.Length >= data.Length * 95L / 100;
        }

        _bands[index] = new Band { Chunk = chunk, Adler = adler, RawLength = data.Length, Incompressible = incompressible, Generation = previous.Generation + 1 };
    }

    /// <summary>
    /// Deflate stored blocks (<c>00, LEN, NLEN, bytes</c>, at most 65,535 bytes each, none final) written straight into
    /// the IDAT chunk, reusing the band's previous chunk when it is the same size: no compressor, no intermediate
    /// stream, no new 150 KB array per band per render (which had the large-object heap churning).
    /// </summary>
    private static byte[] StoredChunk(ReadOnlySpan<byte> data, byte[] reuse)
    {
        const int MaxStored = 65535;
        var blocks = (data.Length + MaxStored - 1) / MaxStored;
        var length = data.Length + blocks * 5;
        var chunk = reuse.Length == 12 + length ? reuse : new byte[12 + length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)length);
        "IDAT"u8.CopyTo(chunk.AsSpan(4));
        var at = 8;
        while (!data.IsEmpty)
        {
            var size = Math.Min(MaxStored, data.Length);
            chunk[at] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(at + 1), (ushort)size);
            BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(at + 3), (ushort)~size);
            data[..size].CopyTo(chunk.AsSpan(at + 5));
            at += 5 + size;
            data = data[size..];
        }

        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(at), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + length)));
        return chunk;
    }

    private static Span<byte> WriteChunk(Span<byte> destination, scoped ReadOnlySpan<byte> type, scoped ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)data.Length);
        type.CopyTo(destination[4..]);
        data.CopyTo(destination[8..]);
        var crc = Crc32.HashToUInt32(destination.Slice(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(destination[(8 + data.Length)..], crc);
        return destination[(12 + data.Length)..];
    }

    private static byte[] BuildHeader(int width, int height)
    {
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        var header = new byte[12 + 13];
        WriteChunk(header, "IHDR"u8, ihdr);
        return header;
    }

    private sealed class Band
    {
        public bool Dirty { get; set; }

        public byte[] Chunk { get; init; } = [];

        public uint Adler { get; init; } = 1;

        public long RawLength { get; init; }

        /// <summary>Deflate left this band at 95% of its raw size or more the last time it was tried.</summary>
        public bool Incompressible { get; init; }

        public int Generation { get; init; }
    }
}
