namespace Tessera.Engines.Local.Video;

/// <summary>Whether a program the local engines run is installed: a path that exists, or a bare name found on PATH.</summary>
internal static class Executables
{
    /// <summary>A handful of stat calls (one per PATH entry), cheap enough to ask on every model listing, so installing
    /// ffmpeg on a running server makes its models available without a restart.</summary>
    public static bool Exists(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));
    }
}
