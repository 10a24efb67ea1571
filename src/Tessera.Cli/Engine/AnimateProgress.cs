using System.Globalization;
using Tessera.Client.PixelEngine;

namespace Tessera.Cli.Engine;

/// <summary>
/// The status line while a job runs: on a terminal one line redrawn in place (<c>\r</c>) with the status and the seconds
/// elapsed; otherwise (a pipe, a log file) a plain line each time the status changes, so logs stay readable.
/// </summary>
internal sealed class AnimateProgress(TextWriter writer, bool terminal, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private string? _lastStatus;
    private bool _drawn;

    public void Show(EngineJob job)
    {
        var elapsed = time.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        if (terminal)
        {
            writer.Write($"\r{job.Status,-8} {elapsed,4}s");
            _drawn = true;
        }
        else if (job.Status != _lastStatus)
        {
            writer.WriteLine($"{job.Status} after {elapsed}s");
        }

        _lastStatus = job.Status;
    }

    /// <summary>Ends the redrawn line so what follows starts on a line of its own.</summary>
    public async Task DoneAsync()
    {
        if (_drawn)
        {
            await writer.WriteLineAsync();
        }
    }
}
