using System.Globalization;
using Tessera.Client.PixelDojo;

namespace Tessera.Cli.Generate;

/// <summary>
/// A job's progress while <c>tessera generate</c> waits: on a terminal one line redrawn ten times a second (spinner, job,
/// status, elapsed); otherwise a plain line each time the status changes, so logs stay readable.
/// </summary>
internal sealed class ProgressDisplay : IProgress<DojoJob>, IAsyncDisposable
{
    private static readonly string[] Spinner = ["|", "/", "-", "\\"];

    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _redraw;
    private DojoJob? _job;
    private string? _lastStatus;
    private int _frame;

    public ProgressDisplay(TextWriter output, bool terminal, TimeProvider time)
    {
        _output = output;
        _terminal = terminal;
        _time = time;
        _started = time.GetTimestamp();
        _redraw = terminal ? RedrawAsync(_stop.Token) : Task.CompletedTask;
    }

    public void Report(DojoJob value)
    {
        lock (_lock)
        {
            _job = value;
            if (!_terminal && value.Status != _lastStatus)
            {
                _lastStatus = value.Status;
                _output.WriteLine($"{value.JobId} {value.Status} {Elapsed()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _redraw;
        lock (_lock)
        {
            if (_terminal && _job is { } job)
            {
                _output.Write($"\r{job.JobId} {job.Status} {Elapsed()}".PadRight(60) + "\n");
            }
        }

        _stop.Dispose();
    }

    private async Task RedrawAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (_lock)
                {
                    var status = _job is { } job ? $"{job.JobId} {job.Status}" : "submitting";
                    _output.Write($"\r{Spinner[_frame++ % Spinner.Length]} {status} {Elapsed()}".PadRight(60));
                    _output.Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the job finished.
        }
    }

    private string Elapsed() => _time.GetElapsedTime(_started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
