using System.ComponentModel;
using System.Diagnostics;

namespace Tessera.Engines.Local.Video;

/// <summary>
/// Encodes raw RGBA frames to an MP4 (H.264, yuv420p, faststart) by piping them into an ffmpeg process: arguments as a
/// list (no shell), frames on stdin, the MP4 in a temporary file (faststart rewrites the file to put the index first,
/// so it cannot stream to a pipe), read back and deleted. Cancellation kills the process at once, even mid-write.
/// </summary>
internal sealed class FfmpegEncoder(string ffmpegPath, ILogger logger)
{
    /// <summary>ffmpeg at <c>-loglevel error</c> writes a line or two; more than this is cut in the log.</summary>
    private const int MaxStderrChars = 2000;

    /// <summary>Runs ffmpeg, calls <paramref name="renderFrame"/> for each frame into a buffer of width×height×4 bytes and
    /// writes it to ffmpeg, and returns the MP4's bytes.</summary>
    public async Task<byte[]> EncodeAsync(string jobId, int width, int height, int fps, int frames, Action<int, byte[]> renderFrame, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), $"tessera-video-{Guid.NewGuid():N}.mp4");
        using var process = new Process { StartInfo = StartInfo(width, height, fps, output) };
        try
        {
            try
            {
                process.Start();
            }
            catch (Win32Exception exception)
            {
                Log.FfmpegMissing(logger, ffmpegPath, jobId, exception);
                throw new EngineException("engine_unavailable", "The video encoder (ffmpeg) is not installed on this server.", transient: false, exception);
            }

            using var kill = cancellationToken.Register(() => Kill(process));
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var frameBytes = width * height * 4;
            var buffer = new byte[frameBytes];
            try
            {
                var stdin = process.StandardInput.BaseStream;
                for (var i = 0; i < frames; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    renderFrame(i, buffer);
                    await stdin.WriteAsync(buffer.AsMemory(0, frameBytes), cancellationToken);
                }

                await stdin.FlushAsync(cancellationToken);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // ffmpeg closed its input (it failed): its exit code and message say why, below.
            }
            finally
            {
                CloseQuietly(process.StandardInput);
            }

            await process.WaitForExitAsync(cancellationToken);
            var message = await stderr;
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                Log.FfmpegFailed(logger, process.ExitCode, jobId, message.Length > MaxStderrChars ? message[..MaxStderrChars] : message);
                throw new EngineException("encode_failed", $"The video encoder failed (exit code {process.ExitCode}).", transient: false);
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private ProcessStartInfo StartInfo(int width, int height, int fps, string output)
    {
        var info = new ProcessStartInfo(ffmpegPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            CreateNoWindow = true,
        };
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}", "-r", fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "-",
            "-an", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart",

            // No creation time, no encoder version strings: the same frames give the same file (determinism).
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-y", output,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
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

    private static void CloseQuietly(StreamWriter stdin)
    {
        try
        {
            stdin.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: ffmpeg exited.
        }
    }
}
