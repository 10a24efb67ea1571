using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _client = null!;
    private string _account = null!;
    private string _keyId = null!;
    private string _key = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _client = _factory.CreateClient();
        _account = await _admin.CreateAccountAsync();
        (_keyId, _key) = await _admin.CreateKeyAsync(_account);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_key_authenticates_its_account_by_bearer_header()
    {
        var response = await _client.GetWithKeyAsync("/dojo/_probe/key", _key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(_account, body.GetProperty("account").GetString());
        Assert.Equal(_keyId, body.GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_key_authenticates_by_x_api_key_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/engine/_probe/key");
        request.Headers.Add("X-API-Key", _key);
        var response = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_body_api_key_field_works_only_where_the_surface_allows_it()
    {
        var ocean = await _client.PostAsJsonAsync("/ocean/_probe/key", new { api_key = _key, url = "https://example.com" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ocean.StatusCode);
        Assert.Equal(_account, (await ocean.ReadJsonAsync()).GetProperty("account").GetString());

        var dojo = await _client.PostAsJsonAsync("/dojo/_probe/key", new { api_key = _key }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, dojo.StatusCode);
    }

    [Fact]
    public async Task Missing_and_unknown_keys_get_401_in_each_surfaces_shape()
    {
        var dojo = await _client.GetAsync("/dojo/_probe/key", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, dojo.StatusCode);
        var dojoError = (await dojo.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("unauthorized", dojoError.GetProperty("code").GetString());
        Assert.Equal(401, dojoError.GetProperty("status").GetInt32());

        var engine = await _client.GetWithKeyAsync("/engine/_probe/key", "pe_sk_aaaaaaaaaaaa_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, engine.StatusCode);
        var engineError = (await engine.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("unauthorized", engineError.GetProperty("code").GetString());
        Assert.False(engineError.TryGetProperty("status", out _));

        var ocean = await _client.GetWithKeyAsync("/ocean/_probe/key", "garbage");
        var oceanBody = await ocean.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, ocean.StatusCode);
        Assert.False(oceanBody.GetProperty("success").GetBoolean());
        Assert.Equal("unauthorized", oceanBody.GetProperty("code").GetString());

        var omp = await _client.GetAsync("/omp/_probe/key", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, omp.StatusCode);
        Assert.Equal("unauthorized", (await omp.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_key_with_a_wrong_secret_but_a_real_id_is_refused()
    {
        var forged = _key[..^43] + new string('B', 43);
        var response = await _client.GetWithKeyAsync("/dojo/_probe/key", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_key_is_refused_until_reactivated()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/dojo/_probe/key", _key)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/keys/{_keyId}/deactivate", null, Ct)).StatusCode);
        var refused = await _client.GetWithKeyAsync("/dojo/_probe/key", _key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("deactivated", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/keys/{_keyId}/reactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/dojo/_probe/key", _key)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_key_is_refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/dojo/_probe/key", _key)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/admin/v1/keys/{_keyId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetWithKeyAsync("/dojo/_probe/key", _key)).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_routes_scope_gets_403()
    {
        var (_, mediaOnly) = await _admin.CreateKeyAsync(_account, new { name = "media", scopes = new[] { "media" } });
        var refused = await _client.GetWithKeyAsync("/dojo/_probe/canvas", mediaOnly);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/dojo/_probe/canvas", _key)).StatusCode);
    }

    [Fact]
    public async Task A_suspended_accounts_keys_get_403_until_resumed()
    {
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/accounts/{_account}/suspend", null, Ct)).StatusCode);
        var refused = await _client.GetWithKeyAsync("/ocean/_probe/key", _key);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Account inactive or suspended.", (await refused.ReadJsonAsync()).GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/admin/v1/accounts/{_account}/resume", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/ocean/_probe/key", _key)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_ignore_a_bad_key()
    {
        var response = await _client.GetWithKeyAsync("/dojo/_probe/anonymous", "not-a-key");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var file = Path.Combine(_factory.Database.DataDirectory, "tessera.db");
        Assert.SkipWhen(_factory.Database.IsPostgres, "the raw-file check reads the SQLite file");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await ReadAllSharedAsync(file);
        var wal = File.Exists(file + "-wal") ? await ReadAllSharedAsync(file + "-wal") : [];
        var secret = Encoding.UTF8.GetBytes(_key[^43..]);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
        Assert.Equal(-1, wal.AsSpan().IndexOf(secret));
    }

    private static async Task<byte[]> ReadAllSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, Ct);
        return memory.ToArray();
    }
}
