using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

/// <summary>DECISIONS (Wave-1): a key made for a surface carries that surface's documented prefix; every prefix works everywhere.</summary>
public sealed class KeyPrefixTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _client = null!;
    private string _accountId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _client = _factory.CreateClient();
        _accountId = await _admin.CreateAccountAsync("prefix user");
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("engine", "pe_sk_")]
    [InlineData("dojo", "pd_")]
    [InlineData("omp", "tsk_")]
    [InlineData(null, "tsk_")]
    public async Task An_operator_made_key_for_a_surface_carries_its_documented_prefix(string? surface, string prefix)
    {
        var (id, key) = await _admin.CreateKeyAsync(_accountId, new { name = "first", surface });

        Assert.StartsWith(prefix, key, StringComparison.Ordinal);
        var listed = await (await _admin.GetAsync($"/admin/v1/accounts/{_accountId}/keys", Ct)).ReadJsonAsync();
        var row = listed.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.StartsWith(prefix, row.GetProperty("prefix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accounts_first_key_made_for_pixel_engine_is_shown_there_as_pe_sk()
    {
        var (_, key) = await _admin.CreateKeyAsync(_accountId, new { name = "first", surface = "engine" });

        var listed = await (await _client.GetWithKeyAsync("/engine/functions/v1/keys", key)).ReadJsonAsync();
        Assert.StartsWith("pe_sk_", Assert.Single(listed.GetProperty("keys").EnumerateArray()).GetProperty("prefix").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("engine")]
    [InlineData("dojo")]
    [InlineData(null)]
    public async Task Every_prefix_authenticates_on_every_surface(string? surface)
    {
        var (_, key) = await _admin.CreateKeyAsync(_accountId, new { name = "any", surface });

        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/engine/functions/v1/balance", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/dojo/api/v1/jobs", key)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_surface_is_a_400_problem()
    {
        var response = await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_accountId}/keys", new { name = "x", surface = "nowhere" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
