using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Http;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class OmpAgentTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        _admin = _factory.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Creating_an_agent_returns_its_keys_promo_link_and_a_png_qr_code()
    {
        var response = await _client.PostAsJsonAsync("/omp/api/agent", new { fingerprint = "fp-create" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agent = await response.ReadJsonAsync();
        var publicKey = agent.GetProperty("public_key").GetString()!;
        Assert.StartsWith("acc_", agent.GetProperty("account_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("agent_sk_", agent.GetProperty("private_key").GetString(), StringComparison.Ordinal);
        Assert.Equal($"http://localhost/omp/p/{publicKey}", agent.GetProperty("promo_link").GetString());

        var qr = agent.GetProperty("qr_code").GetString()!;
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);
        var png = Convert.FromBase64String(qr["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public async Task A_known_fingerprint_is_409_and_does_not_leak_the_first_key()
    {
        var first = await (await _client.PostAsJsonAsync("/omp/api/agent", new { fingerprint = "fp-twice" }, Ct)).ReadJsonAsync();
        var second = await _client.PostAsJsonAsync("/omp/api/agent", new { fingerprint = "fp-twice" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var text = await second.Content.ReadAsStringAsync(Ct);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("agent_exists", body.GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("private_key", out _));
        Assert.DoesNotContain(first.GetProperty("private_key").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("public_key").GetString()!, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"fingerprint\":\"\"}")]
    [InlineData("{\"fingerprint\":\"   \"}")]
    public async Task A_missing_or_empty_fingerprint_is_400(string json)
    {
        var response = await _client.PostAsync("/omp/api/agent", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_private_key_recovers_the_agent_with_stats_and_owned_pixels()
    {
        var created = await (await _client.PostAsJsonAsync("/omp/api/agent", new { fingerprint = "fp-recover" }, Ct)).ReadJsonAsync();
        var account = created.GetProperty("account_id").GetString()!;
        var key = created.GetProperty("private_key").GetString()!;
        var claim = await _admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x = 10, y = 20, width = 3, height = 4 }, Ct);
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/grants", new { currency = "pixel_credits", amount = 2.5m }, Ct)).StatusCode);

        var response = await _client.GetWithKeyAsync("/omp/api/agent", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agent = await response.ReadJsonAsync();
        Assert.Equal(account, agent.GetProperty("account_id").GetString());
        Assert.Equal(created.GetProperty("public_key").GetString(), agent.GetProperty("public_key").GetString());
        Assert.Equal(created.GetProperty("promo_link").GetString(), agent.GetProperty("promo_link").GetString());
        Assert.StartsWith("data:image/png;base64,", agent.GetProperty("qr_code").GetString(), StringComparison.Ordinal);
        Assert.False(agent.TryGetProperty("private_key", out _));
        Assert.Equal(12, agent.GetProperty("owned_pixels").GetInt64());
        Assert.Equal(2.5m, agent.GetProperty("pixel_credits").GetDecimal());
        var owned = Assert.Single(agent.GetProperty("claims").EnumerateArray());
        Assert.Equal((10, 20, 3, 4, 12), (owned.GetProperty("x").GetInt32(), owned.GetProperty("y").GetInt32(),
            owned.GetProperty("width").GetInt32(), owned.GetProperty("height").GetInt32(), owned.GetProperty("pixels").GetInt32()));

        var stats = await (await _client.GetWithKeyAsync("/omp/api/agent/stats", key)).ReadJsonAsync();
        Assert.Equal(0, stats.GetProperty("views").GetInt64());
        Assert.Equal(0, stats.GetProperty("unique_views").GetInt64());
        Assert.Equal(2.5m, stats.GetProperty("pixel_credits").GetDecimal());
        Assert.Equal(12, stats.GetProperty("owned_pixels").GetInt64());
        Assert.Single(stats.GetProperty("claims").EnumerateArray());
    }

    [Fact]
    public async Task A_purchase_key_is_not_an_agent_but_has_stats()
    {
        var account = await _admin.CreateAccountAsync("buyer");
        var (_, key) = await _admin.CreateKeyAsync(account);
        await _admin.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x = 0, y = 0, width = 10, height = 10 }, Ct);

        var agent = await _client.GetWithKeyAsync("/omp/api/agent", key);
        Assert.Equal(HttpStatusCode.NotFound, agent.StatusCode);
        Assert.Equal("not_an_agent", (await agent.ReadJsonAsync()).GetProperty("code").GetString());

        var stats = await _client.GetWithKeyAsync("/omp/api/agent/stats", key);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(100, (await stats.ReadJsonAsync()).GetProperty("owned_pixels").GetInt64());
    }

    [Theory]
    [InlineData("/omp/api/agent")]
    [InlineData("/omp/api/agent/stats")]
    public async Task Agent_reads_need_a_key(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync(path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync(path, "agent_sk_nope")).StatusCode);
    }

    [Fact]
    public async Task The_promo_link_uses_the_public_base_url_when_configured()
    {
        await using var factory = new TesseraFactory().With("Tessera:PublicBaseUrl", "https://pixels.example.org/");
        var response = await factory.CreateClient().PostAsJsonAsync("/omp/api/agent", new { fingerprint = "fp-proxy" }, Ct);
        var agent = await response.ReadJsonAsync();
        Assert.Equal($"https://pixels.example.org/omp/p/{agent.GetProperty("public_key").GetString()}", agent.GetProperty("promo_link").GetString());
    }
}
