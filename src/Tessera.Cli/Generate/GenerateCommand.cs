using System.CommandLine;
using System.Text.Json;
using Tessera.Cli.Admin;
using Tessera.Client;
using Tessera.Client.PixelDojo;

namespace Tessera.Cli.Generate;

/// <summary>
/// <c>tessera generate MODEL --prompt ...</c>: submits a PixelDojo job, shows its progress, and downloads its outputs into
/// <c>--out</c> (docs/cli.md).
/// </summary>
internal static class GenerateCommand
{
    public const string ApiKeyVariable = "TESSERA_API_KEY";

    public static Command Create(CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "The model's apiId (flux-1.1-pro, wan-video ...)." };
        var prompt = new Option<string>("--prompt") { Description = "The text prompt.", HelpName = "TEXT", Required = true };
        var aspectRatio = new Option<string>("--aspect-ratio") { Description = "1:1, 16:9, 9:16 ... (as the model allows).", HelpName = "W:H" };
        var numOutputs = new Option<int?>("--num-outputs") { Description = "How many images (each is charged).", HelpName = "N" };
        var seed = new Option<long?>("--seed") { Description = "Random seed, for reproducible results.", HelpName = "N" };
        var duration = new Option<double?>("--duration") { Description = "Seconds of video (video models).", HelpName = "S" };
        var output = new Option<string>("--out") { Description = "Where to save the outputs (default: the current directory).", HelpName = "DIR" };
        var server = new Option<string>("--server") { Description = $"Server URL (env {AdminOptions.ServerVariable}, default {AdminOptions.DefaultServer}).", HelpName = "URL" };
        var key = new Option<string>("--key") { Description = $"Your API key (env {ApiKeyVariable}).", HelpName = "KEY" };

        var command = new Command("generate", "Generate images or video with a PixelDojo model and download the results.")
        {
            model, prompt, aspectRatio, numOutputs, seed, duration, output, server, key,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var serverText = parseResult.GetValue(server) ?? environment.GetEnvironmentVariable(AdminOptions.ServerVariable) ?? AdminOptions.DefaultServer;
            if (!Uri.TryCreate(serverText, UriKind.Absolute, out var serverUri) || (serverUri.Scheme != Uri.UriSchemeHttp && serverUri.Scheme != Uri.UriSchemeHttps))
            {
                return await FailAsync(environment, "usage", $"--server must be an http(s) URL, got '{serverText}'.", ExitCodes.Usage);
            }

            var apiKey = parseResult.GetValue(key) ?? environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                return await FailAsync(environment, "usage", $"an API key is required: --key KEY or {ApiKeyVariable}.", ExitCodes.Usage);
            }

            var input = new Dictionary<string, object>(StringComparer.Ordinal) { ["prompt"] = parseResult.GetValue(prompt)! };
            AddIfSet(input, "aspect_ratio", parseResult.GetValue(aspectRatio));
            AddIfSet(input, "num_outputs", parseResult.GetValue(numOutputs));
            AddIfSet(input, "seed", parseResult.GetValue(seed));
            AddIfSet(input, "duration", parseResult.GetValue(duration));
            var request = new GenerateRequest(parseResult.GetValue(model)!, input, parseResult.GetValue(output) ?? ".");
            return await RunAsync(environment, serverUri, apiKey, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, Uri server, string apiKey, GenerateRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var client = environment.DojoClientFactory(server, apiKey);
            DojoJob job;
            await using (var progress = new ProgressDisplay(environment.Output, environment.OutputIsTerminal, TimeProvider.System))
            {
                job = await client.GenerateAsync(request.Model, request.Input, new GenerateOptions { Progress = progress, IdempotencyKey = Guid.NewGuid().ToString("N") }, cancellationToken);
            }

            Directory.CreateDirectory(request.OutputDirectory);
            var assets = job.Assets ?? [];
            for (var index = 0; index < assets.Count; index++)
            {
                var path = Path.Combine(request.OutputDirectory, $"{job.JobId}-{index}.{Extension(assets[index].ContentType, assets[index].Type)}");
                await using (var file = File.Create(path))
                {
                    await client.DownloadAsync(assets[index].Url, file, cancellationToken);
                }

                await environment.Output.WriteLineAsync($"saved {path}");
            }

            await environment.Output.WriteLineAsync($"job {job.JobId}: {assets.Count} output(s), {Printer.Amount(job.CreditCost)} credits");
            return ExitCodes.Ok;
        }
        catch (DojoJobFailedException failed)
        {
            return await FailAsync(environment, failed.Job.Error?.Code ?? failed.Job.Status, $"job {failed.Job.JobId} {failed.Job.Status}: {failed.Job.Error?.Message}", ExitCodes.ApiError);
        }
        catch (TesseraApiException exception)
        {
            return await FailAsync(environment, exception.Code, exception.Detail ?? exception.Status.ToString(), ExitCodes.ApiError);
        }
        catch (HttpRequestException exception)
        {
            return await FailAsync(environment, "unreachable", $"{server}: {exception.Message}", ExitCodes.ApiError);
        }
        catch (TimeoutException exception)
        {
            return await FailAsync(environment, "timeout", exception.Message, ExitCodes.ApiError);
        }
        catch (JsonException exception)
        {
            return await FailAsync(environment, "bad_response", $"the server's answer was not the expected JSON: {exception.Message}", ExitCodes.ApiError);
        }
    }

    private static void AddIfSet<T>(Dictionary<string, object> input, string name, T? value)
    {
        if (value is not null)
        {
            input[name] = value;
        }
    }

    private static string Extension(string? contentType, string type) => contentType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "video/mp4" => "mp4",
        _ => type == "video" ? "mp4" : "bin",
    };

    private static async Task<int> FailAsync(CliEnvironment environment, string code, string detail, int exitCode)
    {
        await environment.Error.WriteLineAsync($"error: {code}: {detail}");
        return exitCode;
    }

    private sealed record GenerateRequest(string Model, Dictionary<string, object> Input, string OutputDirectory);
}
