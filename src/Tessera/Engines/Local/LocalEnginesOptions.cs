namespace Tessera.Engines.Local;

/// <summary><c>Tessera:Engines:Local</c>: what the built-in engines need from the machine.</summary>
public sealed class LocalEnginesOptions
{
    public const string Section = "Tessera:Engines:Local";

    /// <summary>The ffmpeg executable the procedural video engine runs (a name looked up on PATH, or a full path).
    /// Debian's <c>ffmpeg</c> package provides it with libx264.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";
}
