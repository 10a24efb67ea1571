using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Vision.Local;

/// <summary>
/// One Node process running <c>worker.js</c> (the protocol is described at the top of that file): a length-prefixed
/// 512×512 RGB frame in, one JSON line out. One request at a time (<see cref="LocalVisionEngine"/> guarantees it). A
/// request that overruns its time or is cancelled stops the process, since the next answer on the pipe would belong to
/// the abandoned frame; the engine starts a new one for the next image.
/// </summary>
internal sealed class NodeWorker : IDisposable
{
    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly ILogger _logger;
    private volatile bool _stopped;

    private NodeWorker(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    public int ProcessId => _process.Id;

    /// <summary>Start-up to ready, model load included, as the worker measured it.</summary>
    public long LoadMilliseconds { get; private set; }

    /// <summary>True once the process ended or <see cref="Stop"/> was called: the worker takes no more frames.</summary>
    public bool HasExited => _stopped || _process.HasExited;

    /// <summary>The process's resident memory in bytes (Linux: VmRSS).</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<NodeWorker> StartAsync(string node, string directory, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, NodeLocator.WorkerScript));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new VisionException(VisionException.UnavailableCode, $"Node.js could not be started ({e.Message}).", transient: false, e);
        }

        var worker = new NodeWorker(process, logger);
        process.ErrorDataReceived += (_, e) => worker.OnStderr(e.Data);
        process.BeginErrorReadLine();
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException e)
        {
            worker.Stop("start timed out");
            throw new VisionException(VisionException.UnavailableCode, $"the vision worker did not load its model within {timeout}.", transient: true, e);
        }
        catch (OperationCanceledException)
        {
            worker.Stop("start cancelled");
            throw;
        }

        var ready = Parse(line);
        if (ready is null || !ready.Value.TryGetProperty("ready", out _))
        {
            var reason = ready is { } answer && answer.TryGetProperty("fatal", out var fatal) ? fatal.ToString() : worker.Tail() ?? "it exited without a word";
            worker.Stop("start failed");
            throw new VisionException(VisionException.UnavailableCode, $"the vision worker could not start: {FirstLine(reason)}", transient: false);
        }

        worker.LoadMilliseconds = ready.Value.TryGetProperty("loadMs", out var ms) && ms.TryGetInt64(out var value) ? value : 0;
        Log.WorkerReady(logger, process.Id, worker.LoadMilliseconds, ready.Value.TryGetProperty("backend", out var backend) ? backend.ToString() : "?");
        return worker;
    }

    /// <summary>Labels for one frame of exactly 512×512×3 bytes, within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<VisionLabel>> LabelAsync(byte[] rgb, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            var header = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)rgb.Length);
            var stdin = _process.StandardInput.BaseStream;
            var exchange = ExchangeAsync(stdin, header, rgb, cancellationToken);
            line = await exchange.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException e)
        {
            Stop($"no answer within {timeout}");
            throw new VisionException(VisionException.TimeoutCode, $"the local vision worker gave no answer within {timeout}.", transient: true, e);
        }
        catch (OperationCanceledException)
        {
            Stop("request cancelled");
            throw;
        }
        catch (IOException e)
        {
            Stop("pipe closed");
            throw new VisionException(VisionException.ErrorCode, "the local vision worker stopped while labelling.", transient: true, e);
        }

        var answer = Parse(line);
        if (answer is null)
        {
            Stop("exited or answered garbage");
            throw new VisionException(VisionException.ErrorCode, $"the local vision worker stopped while labelling ({FirstLine(Tail() ?? "no message")}).", transient: true);
        }

        if (answer.Value.TryGetProperty("error", out var error))
        {
            throw new VisionException(VisionException.ErrorCode, $"the local model failed on this image: {error}", transient: false);
        }

        if (!answer.Value.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            Stop("answer without labels");
            throw new VisionException(VisionException.BadAnswerCode, "the local vision worker answered without labels.", transient: true);
        }

        return [.. labels.EnumerateArray()
            .Where(item => item.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String && item.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number)
            .Select(item => new VisionLabel(item.GetProperty("label").GetString()!, item.GetProperty("score").GetDouble()))];
    }

    /// <summary>Kills the process (tests use it to check the restart; timeouts use it to drop an abandoned frame).</summary>
    public void Stop(string reason)
    {
        _stopped = true;
        try
        {
            if (!_process.HasExited)
            {
                Log.WorkerStopped(_logger, _process.Id, reason);
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Stop("shutting down");
        _process.Dispose();
    }

    private async Task<string?> ExchangeAsync(Stream stdin, byte[] header, byte[] rgb, CancellationToken cancellationToken)
    {
        await stdin.WriteAsync(header, cancellationToken);
        await stdin.WriteAsync(rgb, cancellationToken);
        await stdin.FlushAsync(cancellationToken);
        return await _process.StandardOutput.ReadLineAsync(cancellationToken);
    }

    private void OnStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > TailLines)
            {
                _stderrTail.Dequeue();
            }
        }

        Log.WorkerOutput(_logger, _process.Id, line);
    }

    private string? Tail()
    {
        lock (_stderrTail)
        {
            return _stderrTail.Count == 0 ? null : string.Join(" | ", _stderrTail.Reverse().Take(3).Reverse());
        }
    }

    private static JsonElement? Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim() is { Length: > 300 } long_ ? long_[..300] + "…" : text.Split('\n')[0].Trim();
}
