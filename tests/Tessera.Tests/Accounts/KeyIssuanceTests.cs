using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

/// <summary>Issue #11 item 3: a key never makes a key that can do more than itself, on every route that makes keys.</summary>
public sealed class KeyIssuanceTests : IAsyncLifetime
{
    private const string EngineKeys = "/engine/functions/v1/keys";
    private readonly TesseraFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _client = null!;
    private string _account = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _client = _factory.CreateClient();
        _account = await _admin.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_key_with_only_the_keys_scope_makes_keys_with_only_the_keys_scope()
    {
        var (_, keysOnly) = await _admin.CreateKeyAsync(_account, new { name = "keys only", scopes = new[] { "keys" } });

        var created = await SendAsync(HttpMethod.Post, EngineKeys, keysOnly, new { name = "child" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var child = (await created.ReadJsonAsync()).GetProperty("key").GetString()!;

        var secret = await _client.GetWithKeyAsync("/dojo/api/v1/webhook/secret", child);
        Assert.Equal(HttpStatusCode.Forbidden, secret.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetWithKeyAsync("/engine/_probe/canvas", child)).StatusCode);
        Assert.Equal(["keys"], (await ListedAsync(child)).GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
    }

    [Fact]
    public async Task A_key_made_through_pixel_engine_inherits_its_makers_budget_and_expiry()
    {
        var (parentId, parent) = await _admin.CreateKeyAsync(_account, new { name = "bounded", credit_limit = 5, expires_days = 7 });
        var parentRow = await ListedByIdAsync(parentId);

        var created = await SendAsync(HttpMethod.Post, EngineKeys, parent, new { name = "child" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var child = await ListedByIdAsync((await created.ReadJsonAsync()).GetProperty("id").GetString()!);

        // The create request itself spent one of the parent's five requests.
        Assert.Equal(4, child.GetProperty("credit_limit").GetInt64());
        Assert.Equal(parentRow.GetProperty("expires_at").GetDateTimeOffset(), child.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_sub_key_asking_for_more_budget_or_time_than_its_parent_has_is_refused()
    {
        var (parentId, _) = await _admin.CreateKeyAsync(_account, new { name = "bounded", credit_limit = 3, expires_days = 7 });

        var richer = await _admin.PostAsJsonAsync($"/admin/v1/keys/{parentId}/sub-keys", new { label = "richer", credit_limit = 10 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, richer.StatusCode);
        var longer = await _admin.PostAsJsonAsync($"/admin/v1/keys/{parentId}/sub-keys", new { label = "longer", expires_days = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, longer.StatusCode);

        var within = await _admin.PostAsJsonAsync($"/admin/v1/keys/{parentId}/sub-keys", new { label = "within" }, Ct);
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        var sub = await within.ReadJsonAsync();
        Assert.Equal(3, sub.GetProperty("credit_limit").GetInt64());
        Assert.Equal((await ListedByIdAsync(parentId)).GetProperty("expires_at").GetDateTimeOffset(), sub.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_key_the_operator_deactivated_cannot_be_reactivated_through_pixel_engine()
    {
        var (_, manager) = await _admin.CreateKeyAsync(_account, new { name = "manager" });
        var (pausedId, paused) = await _admin.CreateKeyAsync(_account, new { name = "paused by the operator" });
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/keys/{pausedId}/deactivate", null, Ct)).StatusCode);

        var reactivate = await SendAsync(HttpMethod.Post, $"{EngineKeys}/{pausedId}/reactivate", manager);
        Assert.Equal(HttpStatusCode.Forbidden, reactivate.StatusCode);
        Assert.Equal("key_deactivated_by_operator", (await reactivate.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());

        // Deactivating it again through the surface does not hand it to the account either.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{EngineKeys}/{pausedId}/deactivate", manager)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"{EngineKeys}/{pausedId}/reactivate", manager)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync("/engine/_probe/key", paused)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/keys/{pausedId}/reactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/engine/_probe/key", paused)).StatusCode);
    }

    [Fact]
    public async Task A_key_with_only_the_keys_scope_cannot_switch_off_rename_or_delete_a_stronger_key()
    {
        var (_, keysOnly) = await _admin.CreateKeyAsync(_account, new { name = "keys only", scopes = new[] { "keys" } });
        var (strongId, strong) = await _admin.CreateKeyAsync(_account, new { name = "full power" });

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, $"{EngineKeys}/{strongId}/deactivate", null),
            (HttpMethod.Patch, $"{EngineKeys}/{strongId}", new { name = "renamed" }),
            (HttpMethod.Delete, $"{EngineKeys}/{strongId}", null),
        })
        {
            var refused = await SendAsync(method, path, keysOnly, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/engine/_probe/key", strong)).StatusCode);
        Assert.Equal("full power", (await ListedByIdAsync(strongId)).GetProperty("name").GetString());

        // A key within its own scopes it may still manage.
        var child = await (await SendAsync(HttpMethod.Post, EngineKeys, keysOnly, new { name = "child" })).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{EngineKeys}/{child.GetProperty("id").GetString()}/deactivate", keysOnly)).StatusCode);
    }

    private async Task<JsonElement> ListedAsync(string keyText)
    {
        var keys = (await (await _admin.GetAsync($"/admin/v1/accounts/{_account}/keys", Ct)).ReadJsonAsync()).GetProperty("keys");
        return keys.EnumerateArray().Single(key => keyText.StartsWith(key.GetProperty("prefix").GetString()!, StringComparison.Ordinal));
    }

    private async Task<JsonElement> ListedByIdAsync(string id)
    {
        var keys = (await (await _admin.GetAsync($"/admin/v1/accounts/{_account}/keys", Ct)).ReadJsonAsync()).GetProperty("keys");
        return keys.EnumerateArray().Single(key => key.GetProperty("id").GetString() == id);
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
