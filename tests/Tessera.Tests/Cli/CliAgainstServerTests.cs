using System.Net;
using System.Text.RegularExpressions;
using Tessera.Cli;
using Tessera.Client;
using Tessera.Tests.Support;

namespace Tessera.Tests.Cli;

/// <summary>The CLI and SDK against a real Tessera server: what an operator types, end to end.</summary>
public sealed partial class CliAgainstServerTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task An_operator_makes_an_account_and_a_key_that_works_on_a_surface()
    {
        Assert.Equal(0, await RunAsync("admin", "account", "create", "Grace", "--json"));
        var accountId = AccountId().Match(_output.ToString()).Groups[1].Value;
        Assert.StartsWith("acc_", accountId, StringComparison.Ordinal);

        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("admin", "key", "create", accountId, "--name", "laptop", "--json"));
        var key = KeyText().Match(_output.ToString()).Groups[1].Value;
        Assert.StartsWith("tsk_", key, StringComparison.Ordinal);

        var response = await _factory.CreateClient().GetWithKeyAsync("/dojo/_probe/key", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_grants_credits_and_reads_the_balances()
    {
        var accountId = await _factory.CreateAdminClient().CreateAccountAsync();
        Assert.Equal(0, await RunAsync("admin", "grant", accountId, "credits", "12.5", "--pool", "purchased"));
        Assert.Equal(0, await RunAsync("admin", "grant", accountId, "sats", "2500"));

        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("admin", "balances", accountId));
        var table = _output.ToString();
        Assert.Contains("purchased", table, StringComparison.Ordinal);
        Assert.Contains("12.5", table, StringComparison.Ordinal);
        Assert.Contains("2500", table, StringComparison.Ordinal);

        _output.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("admin", "audit"));
    }

    [Fact]
    public async Task A_wrong_admin_key_is_reported_with_the_servers_code()
    {
        var exit = await RunWithKeyAsync("wrong-key", "admin", "account", "create", "Grace");
        Assert.Equal(1, exit);
        Assert.Contains("unauthorized", _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => RunWithKeyAsync(_factory.AdminKey!, args);

    private Task<int> RunWithKeyAsync(string adminKey, params string[] args)
    {
        var app = CliApp.Create(new CliEnvironment(
            _output,
            _error,
            (_, key) => new TesseraAdminClient(_factory.CreateClient(), key),
            name => name == "TESSERA_ADMIN_KEY" ? adminKey : null,
            (_, _) => Task.CompletedTask));
        return app.RunAsync(args, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("\"id\":\\s*\"(acc_[a-z2-7]+)\"")]
    private static partial Regex AccountId();

    [GeneratedRegex("\"key\":\\s*\"(tsk_[A-Za-z0-9_-]+)\"")]
    private static partial Regex KeyText();
}
