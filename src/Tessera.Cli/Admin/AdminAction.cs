using System.CommandLine;
using System.Net.Http;
using System.Text.Json;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary>
/// Runs an admin command's body with a client for the chosen server, and turns every failure into
/// <c>error: code: detail</c> on stderr plus an exit code.
/// </summary>
internal sealed class AdminAction(CliEnvironment environment, AdminOptions options)
{
    public delegate Task<int> Body(ParseResult parseResult, TesseraAdminClient client, Printer printer, CancellationToken cancellationToken);

    public void Attach(Command command, Body body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));

    private async Task<int> RunAsync(ParseResult parseResult, Body body, CancellationToken cancellationToken)
    {
        var serverText = parseResult.GetValue(options.Server)
            ?? environment.GetEnvironmentVariable(AdminOptions.ServerVariable)
            ?? AdminOptions.DefaultServer;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            return await UsageAsync($"--server must be an http(s) URL, got '{serverText}'.");
        }

        var adminKey = parseResult.GetValue(options.AdminKey) ?? environment.GetEnvironmentVariable(AdminOptions.AdminKeyVariable);
        if (string.IsNullOrWhiteSpace(adminKey))
        {
            return await UsageAsync($"an admin key is required: --admin-key KEY or {AdminOptions.AdminKeyVariable}.");
        }

        var printer = new Printer(environment.Output, environment.Error, parseResult.GetValue(options.Json));
        try
        {
            using var client = environment.ClientFactory(server, adminKey);
            return await body(parseResult, client, printer, cancellationToken);
        }
        catch (TesseraApiException exception)
        {
            return await FailAsync(exception.Code, exception.Detail ?? exception.Title ?? exception.Status.ToString());
        }
        catch (HttpRequestException exception)
        {
            return await FailAsync("unreachable", $"{server}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAsync("timeout", $"{server} did not answer in time.");
        }
        catch (JsonException exception)
        {
            return await FailAsync("bad_response", $"the server's answer was not the expected JSON: {exception.Message}");
        }
    }

    private async Task<int> UsageAsync(string message)
    {
        await environment.Error.WriteLineAsync($"error: usage: {message}");
        return ExitCodes.Usage;
    }

    private async Task<int> FailAsync(string code, string detail)
    {
        await environment.Error.WriteLineAsync($"error: {code}: {detail}");
        return ExitCodes.ApiError;
    }
}
