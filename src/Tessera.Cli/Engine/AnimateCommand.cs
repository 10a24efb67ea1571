using System.CommandLine;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Tessera.Client;
using Tessera.Client.PixelEngine;

namespace Tessera.Cli.Engine;

/// <summary>
/// <c>tessera animate IMAGE --prompt "..."</c>: submits the sprite to Pixel Engine's <c>/animate</c>, shows the job's
/// status while it runs, then downloads the animation and the sprite sheet and writes <c>metadata.json</c> into
/// <c>--out</c> (default: a directory named after the job).
/// </summary>
internal static class AnimateCommand
{
    public const string KeyVariable = "TESSERA_API_KEY";
    public const string ServerVariable = "TESSERA_SERVER";
    public const string DefaultServer = "http://127.0.0.1:8080";

    public static Command Create(CliEnvironment environment)
    {
        var image = new Argument<FileInfo>("IMAGE") { Description = "The sprite: a PNG, JPEG, GIF or WebP file." };
        var prompt = new Option<string>("--prompt") { Description = "The motion, e.g. \"a character walking left\".", Required = true };
        var frames = new Option<int?>("--frames") { Description = "Frames in the loop (2–32, default 8)." };
        var fps = new Option<int?>("--fps") { Description = "Frames per second (1–30)." };
        var format = new Option<string?>("--format") { Description = "Animation format: gif (default) or webp." };
        format.AcceptOnlyFromAmong("gif", "webp");
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Where to write the files (default: ./<api_job_id>).", HelpName = "DIR" };
        var server = new Option<string?>("--server") { Description = $"Server URL (env {ServerVariable}, default {DefaultServer}).", HelpName = "URL" };
        var key = new Option<string?>("--key") { Description = $"The pe_sk_ API key (env {KeyVariable}).", HelpName = "KEY" };
        var poll = new Option<double>("--poll") { Description = "Seconds between status checks.", DefaultValueFactory = _ => 3, HelpName = "SECONDS" };

        var command = new Command("animate", "Animate a sprite with Pixel Engine and download the GIF/WebP, sprite sheet and metadata.")
        {
            image, prompt, frames, fps, format, outDir, server, key, poll,
        };
        command.SetAction((parse, ct) => new AnimateRun(environment).RunAsync(
            new AnimateArguments(
                parse.GetValue(image)!, parse.GetValue(prompt)!, parse.GetValue(frames), parse.GetValue(fps), parse.GetValue(format),
                parse.GetValue(outDir), parse.GetValue(server), parse.GetValue(key), TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(poll)))),
            ct));
        return command;
    }
}

internal sealed record AnimateArguments(
    FileInfo Image, string Prompt, int? Frames, int? Fps, string? Format, DirectoryInfo? Out, string? Server, string? Key, TimeSpan Poll);

/// <summary>One run of <c>tessera animate</c>: every failure becomes <c>error: code: detail</c> on stderr and an exit code.</summary>
internal sealed class AnimateRun(CliEnvironment environment)
{
    public async Task<int> RunAsync(AnimateArguments args, CancellationToken ct)
    {
        var serverText = args.Server ?? environment.GetEnvironmentVariable(AnimateCommand.ServerVariable) ?? AnimateCommand.DefaultServer;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            return await FailAsync("usage", $"--server must be an http(s) URL, got '{serverText}'.", ExitCodes.Usage);
        }

        var key = args.Key ?? environment.GetEnvironmentVariable(AnimateCommand.KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            return await FailAsync("usage", $"an API key is required: --key KEY or {AnimateCommand.KeyVariable}.", ExitCodes.Usage);
        }

        if (!args.Image.Exists)
        {
            return await FailAsync("usage", $"no such file: {args.Image.FullName}", ExitCodes.Usage);
        }

        try
        {
            using var client = environment.EngineClientFactory(server, key);
            var bytes = await File.ReadAllBytesAsync(args.Image.FullName, ct);
            var submitted = await client.AnimateAsync(
                AnimateRequest.FromBytes(bytes, args.Prompt, args.Frames, args.Fps, args.Format), Guid.NewGuid().ToString("N"), ct);
            await environment.Error.WriteLineAsync($"job {submitted.ApiJobId} submitted (20 credits held)");

            var progress = new AnimateProgress(environment.Error, environment.ErrorIsTerminal, environment.Time);
            var job = await client.WaitForJobAsync(submitted.ApiJobId, args.Poll, progress: new SyncProgress(progress.Show), cancellationToken: ct);
            await progress.DoneAsync();
            if (job.Status != EngineJob.Success || job.Output is null)
            {
                var error = job.Error ?? new EngineJobError("internal_error", "The job failed without a reason.");
                return await FailAsync(error.Code, error.Message + " (the held credits were returned)", ExitCodes.ApiError);
            }

            var folder = args.Out ?? new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, job.ApiJobId));
            folder.Create();
            var animationName = "animation." + (string.Equals(args.Format, "webp", StringComparison.OrdinalIgnoreCase) ? "webp" : "gif");
            await DownloadAsync(client, job.Output.Url, Path.Combine(folder.FullName, animationName), ct);
            await DownloadAsync(client, job.Output.SpritesheetUrl, Path.Combine(folder.FullName, "spritesheet.png"), ct);
            var metadata = new AnimationFiles(job.ApiJobId, args.Prompt, job.Output.Metadata, animationName, "spritesheet.png");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "metadata.json"), JsonSerializer.Serialize(metadata, TesseraJson.Indented), ct);

            var m = job.Output.Metadata;
            await environment.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Path.Combine(folder.FullName, animationName)}  {m.Frames} frames {m.Width}x{m.Height} @ {m.Fps} fps ({m.Motion} {m.Direction})"));
            await environment.Output.WriteLineAsync(Path.Combine(folder.FullName, "spritesheet.png"));
            await environment.Output.WriteLineAsync(Path.Combine(folder.FullName, "metadata.json"));
            return ExitCodes.Ok;
        }
        catch (TesseraApiException exception)
        {
            return await FailAsync(exception.Code, exception.Detail ?? exception.Status.ToString(), ExitCodes.ApiError);
        }
        catch (HttpRequestException exception)
        {
            return await FailAsync("unreachable", $"{server}: {exception.Message}", ExitCodes.ApiError);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FailAsync("timeout", $"{server} did not answer in time.", ExitCodes.ApiError);
        }
        catch (JsonException exception)
        {
            return await FailAsync("bad_response", $"the server's answer was not the expected JSON: {exception.Message}", ExitCodes.ApiError);
        }
    }

    private static async Task DownloadAsync(PixelEngineClient client, string url, string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await client.DownloadAsync(url, file, ct);
    }

    private async Task<int> FailAsync(string code, string detail, int exitCode)
    {
        await environment.Error.WriteLineAsync($"error: {code}: {detail}");
        return exitCode;
    }

    /// <summary>Reports on the polling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<EngineJob> report) : IProgress<EngineJob>
    {
        public void Report(EngineJob value) => report(value);
    }
}

/// <summary>What <c>metadata.json</c> holds: the job, the prompt, the engine's metadata and the files written beside it.</summary>
internal sealed record AnimationFiles(string ApiJobId, string Prompt, EngineJobMetadata Metadata, string Animation, string Spritesheet);
