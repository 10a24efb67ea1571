using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary><c>/ocean/api/platform/sub-keys</c>: the doc's fields on the Accounts module's sub-keys.</summary>
public sealed class OceanSubKeyTests : IAsyncLifetime
{
    private const string SubKeys = "/ocean/api/platform/sub-keys";

    private readonly CapturedLogs _logs = new();
    private OceanHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = Start(factory => factory.WithServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_sub_key_is_made_with_the_docs_fields_and_works_only_within_its_scopes()
    {
        var key = await _host.UserAsync();

        var created = await _host.JsonAsync(HttpMethod.Post, SubKeys, key,
            new { label = "CI Pipeline Key", credit_limit = 200, scopes = "scrape,search", expires_days = 90 }, expected: 201);

        var subKey = created.GetProperty("sub_key").GetString()!;
        Assert.StartsWith("sk_", subKey, StringComparison.Ordinal);
        Assert.True(created.GetProperty("success").GetBoolean());
        Assert.Equal("CI Pipeline Key", created.GetProperty("label").GetString());
        Assert.Equal(200, created.GetProperty("credit_limit").GetInt64());
        Assert.Equal("jobs,scrape,search", created.GetProperty("scopes").GetString());
        var expires = created.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(91));

        // jobs (with scrape) opens the job route; media was not granted.
        Assert.Equal(HttpStatusCode.NotFound, (await _host.SendAsync(HttpMethod.Get, "/ocean/api/jobs/999999", subKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", subKey)).StatusCode);
        // A sub-key has no `keys` scope: it makes no sub-keys.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.SendAsync(HttpMethod.Post, SubKeys, subKey, new { scopes = "scrape" })).StatusCode);
    }

    [Fact]
    public async Task A_sub_key_never_gets_a_scope_its_maker_lacks_and_takes_only_the_docs_four()
    {
        var narrow = await _host.UserAsync(new { name = "narrow", scopes = new[] { "keys", "search" } });

        var refused = await _host.JsonAsync(HttpMethod.Post, SubKeys, narrow, new { scopes = "scrape" }, expected: 403);
        Assert.Contains("scrape", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        var defaulted = await _host.JsonAsync(HttpMethod.Post, SubKeys, narrow, new { label = "default" }, expected: 201);
        Assert.Equal("search", defaulted.GetProperty("scopes").GetString());

        var unknown = await _host.JsonAsync(HttpMethod.Post, SubKeys, narrow, new { scopes = "keys" }, expected: 400);
        Assert.Equal("validation_error", unknown.GetProperty("code").GetString());
        await _host.JsonAsync(HttpMethod.Post, SubKeys, narrow, new { credit_limit = 0 }, expected: 400);
        await _host.JsonAsync(HttpMethod.Post, SubKeys, narrow, new { expires_days = 5000 }, expected: 400);
    }

    [Fact]
    public async Task The_credit_limit_is_a_request_budget_and_the_list_reports_usage()
    {
        var key = await _host.UserAsync();
        var created = await _host.JsonAsync(HttpMethod.Post, SubKeys, key, new { scopes = "media", credit_limit = 2 }, expected: 201);
        var subKey = created.GetProperty("sub_key").GetString()!;
        var byDefault = await _host.JsonAsync(HttpMethod.Post, SubKeys, key, new { label = "plain" }, expected: 201);
        Assert.Equal(50, byDefault.GetProperty("credit_limit").GetInt64());
        Assert.Equal("generate,jobs,media,scrape,search", byDefault.GetProperty("scopes").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", subKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", subKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", subKey)).StatusCode);

        var list = await _host.JsonAsync(HttpMethod.Get, SubKeys, key);
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        var item = list.GetProperty("sub_keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        Assert.Equal(2, item.GetProperty("used").GetInt64());
        Assert.Equal(0, item.GetProperty("remaining").GetInt64());
        Assert.Equal("active", item.GetProperty("status").GetString());
        Assert.DoesNotContain(subKey, list.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_key_is_revoked_by_its_id_or_by_the_key_itself_and_then_answers_401()
    {
        var key = await _host.UserAsync();
        var first = await _host.JsonAsync(HttpMethod.Post, SubKeys, key, new { scopes = "media" }, expected: 201);
        var second = await _host.JsonAsync(HttpMethod.Post, SubKeys, key, new { scopes = "media" }, expected: 201);
        var firstKey = first.GetProperty("sub_key").GetString()!;
        var secondKey = second.GetProperty("sub_key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", firstKey)).StatusCode);

        var byId = await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{first.GetProperty("id").GetString()}/revoke", key);
        Assert.Equal("revoked", byId.GetProperty("status").GetString());
        var byText = await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{Uri.EscapeDataString(secondKey)}/revoke", key);
        Assert.Equal(second.GetProperty("id").GetString(), byText.GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", firstKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", secondKey)).StatusCode);
        await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{first.GetProperty("id").GetString()}/revoke", key); // again: still revoked, 200
        var list = await _host.JsonAsync(HttpMethod.Get, SubKeys, key);
        Assert.All(list.GetProperty("sub_keys").EnumerateArray(), item => Assert.Equal("revoked", item.GetProperty("status").GetString()));

        // DECISIONS: keys never appear in logs, not even the one sent in the path.
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains(secondKey, StringComparison.Ordinal) || line.Message.Contains(firstKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_accounts_sub_key_is_404_by_id_and_by_text_and_stays_working()
    {
        var owner = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var created = await _host.JsonAsync(HttpMethod.Post, SubKeys, owner, new { scopes = "media" }, expected: 201);
        var subKey = created.GetProperty("sub_key").GetString()!;

        await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{created.GetProperty("id").GetString()}/revoke", stranger, expected: 404);
        var byText = await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{Uri.EscapeDataString(subKey)}/revoke", stranger, expected: 404);
        Assert.DoesNotContain(subKey, byText.ToString(), StringComparison.Ordinal);
        var forged = subKey[..^5] + "AAAAA";
        await _host.JsonAsync(HttpMethod.Post, $"{SubKeys}/{Uri.EscapeDataString(forged)}/revoke", owner, expected: 404);
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, SubKeys, stranger)).GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await _host.SendAsync(HttpMethod.Get, MediaApi + "/list", subKey)).StatusCode);
    }

    [Fact]
    public async Task Bad_bodies_are_400_in_the_ocean_shape()
    {
        var key = await _host.UserAsync();
        foreach (var body in new object[] { "[1]", new { scopes = 5 }, new { label = 3 }, new { scopes = "" }, new { label = new string('x', 101) } })
        {
            var json = await _host.JsonAsync(HttpMethod.Post, SubKeys, key, body, expected: 400);
            Assert.False(json.GetProperty("success").GetBoolean());
            Assert.Equal(JsonValueKind.String, json.GetProperty("error").ValueKind);
        }
    }
}
