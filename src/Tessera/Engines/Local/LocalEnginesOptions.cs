namespace Tessera.Engines.Local;

/// <summary><c>Tessera:Engines:Local</c>: what the built-in engines need from the machine.</summary>
public sealed class LocalEnginesOptions
{
    public const string Section = "Tessera:Engines:Local";

    /// <summary>The ffmpeg executable the procedural video engine runs (a name looked up on PATH, or a full path).
    /// Debian's <c>ffmpeg</c> package provides it with libx264.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The font file text-capable models draw quoted prompt text with (a TrueType/OpenType path). Empty: the
    /// first of the usual system fonts that exists (Liberation Sans Bold, then DejaVu Sans Bold; docs/engines-local.md).</summary>
    public string FontFile { get; set; } = "";
}
