using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.PixelEngine;

public sealed class PixelEngineKeyTests : IAsyncLifetime
{
    private const string Keys = "/engine/functions/v1/keys";
    private readonly TesseraFactory _factory = new();
    private HttpClient _client = null!;
    private string _accountId = "";
    private string _key = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var admin = _factory.CreateAdminClient();
        _accountId = await admin.CreateAccountAsync("engine user");
        (_, _key) = await admin.CreateKeyAsync(_accountId);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Created_key_is_a_pe_sk_key_shown_once_and_listed_by_prefix_only()
    {
        var created = await SendAsync(HttpMethod.Post, Keys, _key, new { name = "ci" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var text = body.GetProperty("key").GetString()!;
        Assert.StartsWith("pe_sk_", text);
        Assert.Equal("ci", body.GetProperty("name").GetString());

        var listed = await (await SendAsync(HttpMethod.Get, Keys, text)).ReadJsonAsync();
        var keys = listed.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.DoesNotContain(keys, key => key.ToString().Contains(text[^20..], StringComparison.Ordinal));
        Assert.Contains(keys, key => key.GetProperty("prefix").GetString()!.StartsWith("pe_sk_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivated_key_gets_401_unauthorized_until_reactivated()
    {
        var created = await (await SendAsync(HttpMethod.Post, Keys, _key, new { name = "paused" })).ReadJsonAsync();
        var (id, text) = (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{Keys}/{id}/deactivate", _key)).StatusCode);
        var refused = await SendAsync(HttpMethod.Get, "/engine/functions/v1/balance", text);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unauthorized", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{Keys}/{id}/reactivate", _key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/engine/functions/v1/balance", text)).StatusCode);
    }

    [Fact]
    public async Task Rename_and_delete_work_and_a_deleted_key_stops_at_once()
    {
        var created = await (await SendAsync(HttpMethod.Post, Keys, _key, new { name = "old" })).ReadJsonAsync();
        var (id, text) = (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);

        var renamed = await SendAsync(HttpMethod.Patch, $"{Keys}/{id}", _key, new { name = "new" });
        Assert.Equal("new", (await renamed.ReadJsonAsync()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"{Keys}/{id}", _key)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, Keys, text)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"{Keys}/{id}", _key)).StatusCode);
    }

    [Fact]
    public async Task An_account_holds_at_most_ten_keys_counting_deactivated_ones()
    {
        for (var i = 1; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, Keys, _key, new { name = $"k{i}" })).StatusCode);
        }

        var eleventh = await SendAsync(HttpMethod.Post, Keys, _key, new { name = "one too many" });
        Assert.Equal(HttpStatusCode.Conflict, eleventh.StatusCode);
        Assert.Equal("key_limit_reached", (await eleventh.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_accounts_key_is_not_found()
    {
        var admin = _factory.CreateAdminClient();
        var other = await admin.CreateAccountAsync("other");
        var (otherKeyId, _) = await admin.CreateKeyAsync(other);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"{Keys}/{otherKeyId}/deactivate", _key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"{Keys}/{otherKeyId}", _key)).StatusCode);
    }

    [Fact]
    public async Task Balance_shows_pools_after_holds_monthly_first()
    {
        var admin = _factory.CreateAdminClient();
        await admin.PostAsJsonAsync($"/admin/v1/accounts/{_accountId}/grants", new { currency = "credits", amount = 30, pool = "monthly" }, Ct);
        await admin.PostAsJsonAsync($"/admin/v1/accounts/{_accountId}/grants", new { currency = "credits", amount = 100, pool = "purchased" }, Ct);

        var balance = await (await SendAsync(HttpMethod.Get, "/engine/functions/v1/balance", _key)).ReadJsonAsync();
        Assert.Equal(30m, balance.GetProperty("monthly").GetDecimal());
        Assert.Equal(100m, balance.GetProperty("purchased").GetDecimal());
        Assert.Equal(0m, balance.GetProperty("held").GetDecimal());
        Assert.Equal(130m, balance.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task Missing_key_is_401_in_the_engine_shape()
    {
        var response = await _client.GetAsync("/engine/functions/v1/balance", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path).WithKey(key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return _client.SendAsync(request, Ct);
    }
}
