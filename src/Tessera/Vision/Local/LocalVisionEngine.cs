using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Tessera.Vision.Local;

/// <summary>
/// CenterNet (COCO, 80 classes) in long-lived Node workers (docs/vision.md). Workers start on first use, one image at a
/// time each; <see cref="LocalVisionOptions.Workers"/> of them take turns from a channel of slots, and at most
/// <see cref="LocalVisionOptions.QueueLength"/> images wait beyond those being labelled (the next is refused with
/// <c>vision_busy</c>, so memory under a flood stays bounded: each waiting image holds its 768 KB frame). A worker that
/// died or overran its time is replaced at its slot's next use. A start that failed for good (no model, a broken npm
/// folder) is remembered for <see cref="RetryStartAfter"/> so a batch of images does not start Node once per image.
/// </summary>
internal sealed class LocalVisionEngine : IVisionEngine, IDisposable
{
    public static readonly TimeSpan RetryStartAfter = TimeSpan.FromMinutes(1);

    private readonly IOptions<VisionOptions> _options;
    private readonly NodeLocator _locator;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalVisionEngine> _logger;
    private readonly Channel<Slot> _idle;
    private readonly Slot[] _slots;
    private int _admitted;
    private volatile StartFailure? _startFailure; // a reference, so a reader never sees half of one

    public LocalVisionEngine(IOptions<VisionOptions> options, NodeLocator locator, TimeProvider time, ILogger<LocalVisionEngine> logger)
    {
        (_options, _locator, _time, _logger) = (options, locator, time, logger);
        _slots = [.. Enumerable.Range(0, options.Value.Local.Workers).Select(_ => new Slot())];
        _idle = Channel.CreateUnbounded<Slot>();
        foreach (var slot in _slots)
        {
            _idle.Writer.TryWrite(slot);
        }
    }

    public string Name => VisionEngineNames.Local;

    public VisionAvailability Availability
    {
        get
        {
            if (_locator.Locate() is { Reason: { } reason })
            {
                return VisionAvailability.No(reason);
            }

            return _startFailure is { } failure && _time.GetUtcNow() - failure.At < RetryStartAfter
                ? VisionAvailability.No(failure.Reason)
                : VisionAvailability.Yes;
        }
    }

    /// <summary>The running workers (process id, model load time, resident memory): for the benchmark and the tests.</summary>
    internal IReadOnlyList<(int ProcessId, long LoadMilliseconds, long ResidentBytes)> RunningWorkers =>
        [.. _slots.Select(slot => slot.Worker).OfType<NodeWorker>().Where(worker => !worker.HasExited)
            .Select(worker => (worker.ProcessId, worker.LoadMilliseconds, worker.ResidentBytes))];

    public async Task<IReadOnlyList<VisionLabel>> LabelAsync(VisionImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var local = _options.Value.Local;
        // Admitted before decoding: under a flood, a refused image costs no decode.
        if (Interlocked.Increment(ref _admitted) > local.Workers + local.QueueLength)
        {
            Interlocked.Decrement(ref _admitted);
            throw new VisionException(VisionException.BusyCode, $"the local vision engine is busy ({local.Workers} labelling, {local.QueueLength} waiting); try again shortly.", transient: true);
        }

        try
        {
            var rgb = image.Rgb512;
            if (!rgb.IsSuccess)
            {
                throw new VisionException(VisionService.InvalidImageCode, rgb.Error.Message, transient: false);
            }

            var slot = await _idle.Reader.ReadAsync(cancellationToken);
            try
            {
                var worker = await WorkerOfAsync(slot, cancellationToken);
                try
                {
                    return await worker.LabelAsync(rgb.Value, local.ImageTimeout, _time, cancellationToken);
                }
                finally
                {
                    if (worker.HasExited)
                    {
                        slot.Worker = null;
                        worker.Dispose();
                    }
                }
            }
            finally
            {
                _idle.Writer.TryWrite(slot);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot.Worker?.Dispose();
            slot.Worker = null;
        }
    }

    private async Task<NodeWorker> WorkerOfAsync(Slot slot, CancellationToken cancellationToken)
    {
        if (slot.Worker is { HasExited: false } running)
        {
            return running;
        }

        if (slot.Worker is { } dead)
        {
            Log.WorkerStopped(_logger, dead.ProcessId, "found exited; starting another");
            dead.Dispose();
            slot.Worker = null;
        }

        var (node, directory, reason) = _locator.Locate();
        if (reason is not null)
        {
            throw new VisionException(VisionException.UnavailableCode, reason, transient: false);
        }

        try
        {
            slot.Worker = await NodeWorker.StartAsync(node!, directory!, _options.Value.Local.StartTimeout, _time, _logger, cancellationToken);
            _startFailure = null;
            return slot.Worker;
        }
        catch (VisionException e) when (!e.Transient)
        {
            _startFailure = new StartFailure(e.Message, _time.GetUtcNow());
            Log.WorkerStartFailed(_logger, e.Message);
            throw;
        }
    }

    private sealed record StartFailure(string Reason, DateTimeOffset At);

    /// <summary>A place for one worker; only the request holding the slot touches its worker.</summary>
    private sealed class Slot
    {
        public NodeWorker? Worker { get; set; }
    }
}
