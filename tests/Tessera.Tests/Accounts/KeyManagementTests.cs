using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

public sealed class KeyManagementTests : IAsyncLifetime
{
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
    public async Task A_new_key_is_long_url_safe_prefixed_and_shown_once()
    {
        var created = await (await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_account}/keys", new { name = "ci" }, Ct)).ReadJsonAsync();
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("tsk_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 4 + 12 + 1 + 43);
        Assert.Matches("^[A-Za-z0-9_-]+$", key);
        Assert.StartsWith(created.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);

        var listed = await _admin.GetStringAsync($"/admin/v1/accounts/{_account}/keys", Ct);
        Assert.DoesNotContain(key[^43..], listed, StringComparison.Ordinal);
        Assert.Contains("\"ci\"", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_holds_at_most_ten_keys_counting_deactivated_ones()
    {
        string? first = null;
        for (var i = 0; i < 10; i++)
        {
            var (id, _) = await _admin.CreateKeyAsync(_account, new { name = $"k{i}" });
            first ??= id;
        }

        await _admin.PostAsync($"/admin/v1/keys/{first}/deactivate", null, Ct);
        var eleventh = await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_account}/keys", new { name = "k10" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, eleventh.StatusCode);
        Assert.Equal("key_limit_reached", (await eleventh.ReadJsonAsync()).GetProperty("code").GetString());

        await _admin.DeleteAsync($"/admin/v1/keys/{first}", Ct);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_account}/keys", new { name = "k10" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Keys_can_be_renamed_and_listed_with_status()
    {
        var (id, _) = await _admin.CreateKeyAsync(_account);
        var renamed = await _admin.PatchAsJsonAsync($"/admin/v1/keys/{id}", new { name = "renamed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await _admin.PostAsync($"/admin/v1/keys/{id}/deactivate", null, Ct);

        var keys = (await (await _admin.GetAsync($"/admin/v1/accounts/{_account}/keys", Ct)).ReadJsonAsync()).GetProperty("keys");
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal("renamed", key.GetProperty("name").GetString());
        Assert.Equal("deactivated", key.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_scopes_and_accounts_are_refused()
    {
        var badScope = await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_account}/keys", new { scopes = new[] { "root" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
        var noAccount = await _admin.PostAsJsonAsync("/admin/v1/accounts/acc_nope/keys", new { name = "x" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, noAccount.StatusCode);
        Assert.Equal("application/problem+json", noAccount.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_sub_key_stops_at_its_request_budget()
    {
        var (parent, _) = await _admin.CreateKeyAsync(_account);
        var sub = await (await _admin.PostAsJsonAsync($"/admin/v1/keys/{parent}/sub-keys", new { label = "ci", credit_limit = 3 }, Ct)).ReadJsonAsync();
        var subKey = sub.GetProperty("key").GetString()!;
        Assert.StartsWith("sk_", subKey, StringComparison.Ordinal);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);
        }

        var over = await _client.GetWithKeyAsync("/ocean/_probe/key", subKey);
        Assert.Equal(HttpStatusCode.Unauthorized, over.StatusCode);
        Assert.Contains("budget", (await over.ReadJsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_key_can_never_do_what_its_parent_cannot()
    {
        var (parent, _) = await _admin.CreateKeyAsync(_account, new { scopes = new[] { "media", "search" } });

        var wider = await _admin.PostAsJsonAsync($"/admin/v1/keys/{parent}/sub-keys", new { scopes = new[] { "canvas" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wider.StatusCode);

        var inherited = await (await _admin.PostAsJsonAsync($"/admin/v1/keys/{parent}/sub-keys", new { label = "all of parent" }, Ct)).ReadJsonAsync();
        var subKey = inherited.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetWithKeyAsync("/ocean/_probe/canvas", subKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);

        await _admin.PostAsync($"/admin/v1/keys/{parent}/deactivate", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_sub_key_stays_revoked()
    {
        var (parent, _) = await _admin.CreateKeyAsync(_account);
        var sub = await (await _admin.PostAsJsonAsync($"/admin/v1/keys/{parent}/sub-keys", new { label = "x" }, Ct)).ReadJsonAsync();
        var subId = sub.GetProperty("id").GetString()!;
        var subKey = sub.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);

        await _admin.PostAsync($"/admin/v1/keys/{subId}/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsync($"/admin/v1/keys/{subId}/reactivate", null, Ct)).StatusCode);
    }
}
