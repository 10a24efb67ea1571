using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Accounts;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

public sealed class AgentTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_fingerprint_makes_one_agent_whose_private_key_is_an_api_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = _factory.Services.CreateAsyncScope();
        var agents = scope.ServiceProvider.GetRequiredService<AgentService>();

        var created = await agents.CreateAsync("fp-123", ct);
        Assert.True(created.IsSuccess);
        Assert.Equal(AccountKind.Agent, created.Value.Account.Kind);
        Assert.StartsWith("pk_", created.Value.Agent.PublicKey, StringComparison.Ordinal);

        var response = await _factory.CreateClient().GetWithKeyAsync("/omp/_probe/key", created.Value.PrivateKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.Value.Account.Id, (await response.ReadJsonAsync()).GetProperty("account").GetString());

        var again = await agents.CreateAsync("fp-123", ct);
        Assert.False(again.IsSuccess);
        Assert.Equal("agent_exists", again.Error!.Code);

        var found = await agents.FindByPublicKeyAsync(created.Value.Agent.PublicKey, ct);
        Assert.Equal(created.Value.Account.Id, found!.AccountId);
    }

    [Fact]
    public async Task An_empty_fingerprint_is_refused()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AgentService>().CreateAsync("  ", TestContext.Current.CancellationToken);
        Assert.Equal("validation_error", result.Error!.Code);
    }
}
