namespace Tessera.Canvas.Pixels;

/// <summary>
/// One pixel canvas in memory: colour and link of every pixel, as of <see cref="Seq"/>. Rebuilt from
/// <c>pixel_writes</c> at start and kept current by applying each write in seq order. 1000×1000 costs 4 B colour +
/// 8 B link reference = 12 MB (who wrote what, and when, stays in the log), plus the links: kept as UTF-8 (half of a .NET string, and what the JSON
/// writer wants anyway), one array shared by the pixels of a write that carry the same link. Callers hold <see cref="CanvasState.Sync"/> to write; reads of single
/// pixels are racy but never torn (32-bit and reference reads are atomic).
/// </summary>
public sealed class PixelRaster
{
    /// <summary>Bit 24 marks a painted pixel; the low 24 bits are 0xRRGGBB.</summary>
    private const uint Painted = 1u << 24;

    private readonly uint[] _colors;
    private readonly byte[]?[] _urls;
    private readonly uint _background;

    /// <param name="background">0xRRGGBB that a link written on a never-painted pixel paints it (<see cref="CanvasDefinition.BackgroundRgb"/>).</param>
    public PixelRaster(int width, int height, uint background)
    {
        Width = width;
        Height = height;
        _background = background & 0xFFFFFF;
        _colors = new uint[width * height];
        _urls = new byte[]?[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The seq of the last write applied.</summary>
    public long Seq { get; private set; }

    /// <summary>0xRRGGBB of the canvas's background.</summary>
    public uint Background => _background;

    public void Apply(long seq, IReadOnlyList<PixelChange> changes)
    {
        string? lastUrl = null;
        byte[]? lastUtf8 = null;
        foreach (var change in changes)
        {
            var index = change.Y * Width + change.X;
            if (change.Color is { } color)
            {
                _colors[index] = color | Painted;
            }
            else if (_colors[index] == 0)
            {
                _colors[index] = Painted | _background; // a link on a never-painted pixel paints it the background
            }

            if (change.Url is not null)
            {
                if (!string.Equals(change.Url, lastUrl, StringComparison.Ordinal))
                {
                    lastUrl = change.Url;
                    lastUtf8 = System.Text.Encoding.UTF8.GetBytes(change.Url);
                }

                _urls[index] = lastUtf8;
            }

        }

        Seq = seq;
    }

    /// <summary>Copies colours, links and seq (the caller holds <see cref="CanvasState.Sync"/>; ~5 ms for 1000×1000).</summary>
    public (uint[] Colors, byte[]?[] Urls, long Seq) Copy() => ((uint[])_colors.Clone(), (byte[]?[])_urls.Clone(), Seq);

    /// <summary>Replaces the whole raster with a snapshot's (the caller holds <see cref="CanvasState.Sync"/>).</summary>
    public void Load(ReadOnlySpan<uint> colors, byte[]?[] urls, long seq)
    {
        colors.CopyTo(_colors);
        urls.AsSpan().CopyTo(_urls);
        Seq = seq;
    }

    public bool IsPainted(int x, int y) => _colors[y * Width + x] != 0;

    /// <summary>0xRRGGBB of a painted pixel, or null.</summary>
    public uint? ColorAt(int x, int y) => _colors[y * Width + x] is var c && c != 0 ? c & 0xFFFFFF : null;

    /// <summary>The link as stored, UTF-8, for writers that want bytes (the JSON pixel list).</summary>
    public byte[]? UrlUtf8At(int x, int y) => _urls[y * Width + x];

    /// <summary>Copies row <paramref name="y"/> as RGB bytes (unpainted pixels get <paramref name="background"/>).</summary>
    public void CopyRowRgb(int y, uint background, Span<byte> destination)
    {
        var row = _colors.AsSpan(y * Width, Width);
        for (var x = 0; x < row.Length; x++)
        {
            var c = row[x] == 0 ? background : row[x];
            destination[x * 3] = (byte)(c >> 16);
            destination[x * 3 + 1] = (byte)(c >> 8);
            destination[x * 3 + 2] = (byte)c;
        }
    }
}
