using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using NetVips;

namespace Tessera.Imaging;

/// <summary>
/// OCR by Debian's <c>tesseract</c> program, out of process: the image (loaded through <see cref="ImageLoader"/>'s bounds,
/// shrunk to <see cref="ImagingOptions.OcrMaxSide"/>, re-encoded as a greyscale PNG so Tesseract's own decoders never
/// see the upload) goes in on stdin and the text comes back on stdout — no temporary files. Arguments are a list (no
/// shell). One image may take <see cref="ImagingOptions.OcrTimeout"/>; then the process tree is killed. At most
/// <see cref="ImagingOptions.OcrConcurrency"/> run at once, each held to one thread (<c>OMP_THREAD_LIMIT=1</c>: Tesseract's
/// OpenMP would otherwise take every core).
/// </summary>
public sealed class TesseractCliOcr : IOcrEngine, IDisposable
{
    private readonly ImagingOptions _options;
    private readonly ILogger<TesseractCliOcr> _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turns;
    private readonly string? _command;

    public TesseractCliOcr(IOptions<ImagingOptions> options, ILogger<TesseractCliOcr> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _time = time;
        _turns = new SemaphoreSlim(Math.Max(1, _options.OcrConcurrency));
        _command = Resolve(_options.TesseractPath);
        if (_command is null)
        {
            Log.OcrUnavailable(logger, _options.TesseractPath);
        }
    }

    public bool Available => _command is not null;

    public async Task<string?> ReadTextAsync(byte[] image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_command is null)
        {
            return null;
        }

        var prepared = Prepare(image);
        if (prepared is null)
        {
            return null;
        }

        await _turns.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(_command, prepared.Value, cancellationToken);
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();

    /// <summary>The bounded, shrunk, greyscale PNG Tesseract reads; null when the bytes are not an image we load.</summary>
    private (byte[] Png, int Width, int Height)? Prepare(byte[] image)
    {
        // Shrunk, never enlarged: a small image is read at its own size.
        var loaded = ImageTransforms.Resize(image, _options.OcrMaxSide, _options.OcrMaxSide, keepAspect: true, _options, enlarge: false);
        if (!loaded.IsSuccess)
        {
            Log.OcrSkipped(_logger, loaded.Error.Message);
            return null;
        }

        using var scaled = loaded.Value;
        try
        {
            using var flat = scaled.HasAlpha ? scaled.Image.Flatten(background: [255.0]) : scaled.Image.Copy();
            using var grey = flat.Colourspace(Enums.Interpretation.Bw);
            using var bytes = grey.Cast(Enums.BandFormat.Uchar);
            return (bytes.PngsaveBuffer(compression: 1), bytes.Width, bytes.Height);
        }
        catch (VipsException exception)
        {
            Log.OcrSkipped(_logger, exception.Message);
            return null;
        }
    }

    private async Task<string?> RunAsync(string command, (byte[] Png, int Width, int Height) input, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(command) };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            Log.OcrUnavailable(_logger, command);
            return null;
        }

        using var timeout = new CancellationTokenSource(_options.OcrTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var kill = linked.Token.Register(() => Kill(process));
        var stdout = ReadBoundedAsync(process.StandardOutput, _options.OcrMaxChars);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input.Png, linked.Token);
            process.StandardInput.Close();
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // Tesseract closed its input (it failed) or the time ran out: the exit below says which.
        }

        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.OcrTimedOut(_logger, (long)_options.OcrTimeout.TotalMilliseconds, input.Width, input.Height);
            return null;
        }

        var text = await stdout;
        var message = await stderr;
        if (process.ExitCode != 0)
        {
            Log.OcrFailed(_logger, process.ExitCode, message.Length > 500 ? message[..500] : message);
            return null;
        }

        return text.Trim();
    }

    private ProcessStartInfo StartInfo(string command)
    {
        var info = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["stdin", "stdout", "-l", _options.OcrLanguage, "--psm", "3", "quiet"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OMP_THREAD_LIMIT"] = "1";
        return info;
    }

    /// <summary>Reads at most <paramref name="maxChars"/> characters and drains the rest, so the process never blocks on a full pipe.</summary>
    private static async Task<string> ReadBoundedAsync(StreamReader reader, int maxChars)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            var keep = Math.Min(read, maxChars - text.Length);
            if (keep > 0)
            {
                text.Append(buffer, 0, keep);
            }
        }

        return text.ToString();
    }

    /// <summary>The command's full path: as given when it has a directory, else the first match on PATH.</summary>
    private static string? Resolve(string command)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return null;
        }

        if (command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(command) ? command : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}
