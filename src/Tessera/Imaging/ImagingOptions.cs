namespace Tessera.Imaging;

/// <summary><c>Tessera:Imaging</c>: the bounds every decode of an untrusted image is held to.</summary>
public sealed class ImagingOptions
{
    public const string Section = "Tessera:Imaging";

    /// <summary>The default limits: 5 MB files (the One Million Pixels doc's upload limit), 40 megapixels decoded.</summary>
    public static ImagingOptions Default => new();

    /// <summary>Encoded files larger than this are refused before anything reads them.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Images whose header declares more pixels than this are refused before decoding (decompression bombs):
    /// 40 megapixels is 160 MB of RGBA, a bound a 2-core, small-memory server can still afford per request.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The largest output rectangle <see cref="ImageDecoder.DecodeToRgba(byte[], int, int, ImagingOptions?)"/> produces.</summary>
    public int MaxOutputSide { get; set; } = 10_000;

    /// <summary>The Tesseract command (<see cref="TesseractCliOcr"/>): a name looked up on PATH, or a full path.
    /// Debian's <c>tesseract-ocr</c> package installs it; without it OCR is unavailable and says so.</summary>
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Tesseract's language (<c>-l</c>); Debian's <c>tesseract-ocr-eng</c> provides <c>eng</c>.</summary>
    public string OcrLanguage { get; set; } = "eng";

    /// <summary>How long one image may take; the process is killed after it. ~1–3 s is usual for a photo on one core.</summary>
    public TimeSpan OcrTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Images are shrunk to this longest side before OCR: text still readable, Tesseract's time and memory bounded.</summary>
    public int OcrMaxSide { get; set; } = 2000;

    /// <summary>How many Tesseract processes run at once (each is CPU-bound and single-threaded here).</summary>
    public int OcrConcurrency { get; set; } = 1;

    /// <summary>Text beyond this many characters is cut (it is indexed for search, not stored as a document).</summary>
    public int OcrMaxChars { get; set; } = 32_768;
}
