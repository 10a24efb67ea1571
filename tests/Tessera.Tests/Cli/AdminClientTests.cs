using System.Net;
using System.Text.Json;
using Tessera.Client;

namespace Tessera.Tests.Cli;

public sealed class AdminClientTests : IDisposable
{
    private readonly OperatorApiTarget _target = new();
    private readonly TesseraAdminClient _client;

    public AdminClientTests() => _client = _target.CreateClient();

    private FakeOperatorApi Api => _target.Api;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _client.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task Create_account_posts_the_name_with_the_admin_key_as_bearer()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts", HttpStatusCode.Created,
            """{"id":"acc_1","name":"Alice","kind":"user","status":"active","created_at":"2025-01-02T03:04:05Z"}""");

        var account = await _client.CreateAccountAsync("Alice", Ct);

        var request = Api.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(OperatorApiTarget.AdminKey, request.Bearer);
        Assert.Equal("Alice", request.Json.GetProperty("name").GetString());
        Assert.Equal(new Account("acc_1", "Alice", "user", "active", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)), account);
    }

    [Fact]
    public async Task Create_key_sends_name_and_scopes_and_reads_the_secret()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/keys", HttpStatusCode.Created,
            """{"id":"key_1","key":"tsk_secret","prefix":"tsk_sec","name":"ci","scopes":["canvas:write","jobs:read"]}""");

        var key = await _client.CreateKeyAsync("acc_1", new CreateKeyRequest("ci", ["canvas:write", "jobs:read"]), Ct);

        var body = Api.Single.Json;
        Assert.Equal("ci", body.GetProperty("name").GetString());
        Assert.Equal(["canvas:write", "jobs:read"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("tsk_secret", key.Key);
        Assert.Equal("tsk_sec", key.Prefix);
        Assert.Equal(["canvas:write", "jobs:read"], key.Scopes);
    }

    [Fact]
    public async Task Create_key_without_options_sends_an_empty_object()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/keys", HttpStatusCode.Created, """{"id":"key_1","key":"tsk_x","prefix":"tsk_"}""");

        await _client.CreateKeyAsync("acc_1", cancellationToken: Ct);

        Assert.Equal("{}", Api.Single.Body);
    }

    [Fact]
    public async Task Grant_sends_snake_case_fields_a_decimal_amount_and_the_idempotency_key()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/grants", HttpStatusCode.Created,
            """{"id":"tr_9","currency":"credits","pool":"monthly","amount":2.5,"debit_account":"system:grants"}""");

        var transfer = await _client.GrantAsync("acc_1", new GrantRequest(Currencies.Credits, 2.5m, "monthly", "welcome"), "grant-42", Ct);

        var request = Api.Single;
        Assert.Equal("grant-42", request.Header("Idempotency-Key"));
        Assert.Equal(OperatorApiTarget.AdminKey, request.Bearer);
        var body = request.Json;
        Assert.Equal(["currency", "amount", "pool", "reason"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, body.GetProperty("amount").ValueKind);
        Assert.Equal(2.5m, body.GetProperty("amount").GetDecimal());
        Assert.Equal("tr_9", transfer.Id);
        Assert.Equal(2.5m, transfer.Amount);
        Assert.Equal("system:grants", transfer.Extra!["debit_account"].GetString());
    }

    [Fact]
    public async Task Grant_without_idempotency_key_leaves_the_header_and_null_fields_out()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/grants", HttpStatusCode.Created, """{"id":"tr_1"}""");

        await _client.GrantAsync("acc_1", new GrantRequest(Currencies.Sats, 2500m), cancellationToken: Ct);

        Assert.Null(Api.Single.Header("Idempotency-Key"));
        Assert.Equal("""{"currency":"sats","amount":2500}""", Api.Single.Body);
    }

    [Fact]
    public async Task Balances_read_every_currency_with_a_null_pool_where_there_is_none()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1/balances", HttpStatusCode.OK, """
            {"balances":[
              {"currency":"credits","pool":"monthly","posted":10.5,"held":1.25,"available":9.25},
              {"currency":"sats","pool":null,"posted":2500,"held":0,"available":2500}]}
            """);

        var balances = await _client.GetBalancesAsync("acc_1", Ct);

        Assert.Equal(
            [new Balance("credits", "monthly", 10.5m, 1.25m, 9.25m), new Balance("sats", null, 2500m, 0m, 2500m)],
            balances.Balances);
    }

    [Fact]
    public async Task Key_list_reads_prefixes_statuses_and_scopes()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1/keys", HttpStatusCode.OK,
            """{"keys":[{"id":"key_1","prefix":"tsk_ab","name":"ci","scopes":["canvas:write"],"status":"active","created_at":"2025-01-01T00:00:00Z"}]}""");

        var list = await _client.ListKeysAsync("acc_1", Ct);

        var key = Assert.Single(list.Keys);
        Assert.Equal(("key_1", "tsk_ab", "active"), (key.Id, key.Prefix, key.Status));
        Assert.Equal(["canvas:write"], key.Scopes);
    }

    [Fact]
    public async Task Key_operations_use_their_documented_methods_and_paths()
    {
        Api.Answer(HttpMethod.Patch, "/admin/v1/keys/key_1", HttpStatusCode.OK, """{"id":"key_1","prefix":"tsk_ab","name":"renamed"}""")
            .Answer(HttpMethod.Delete, "/admin/v1/keys/key_1", HttpStatusCode.NoContent)
            .Answer(HttpMethod.Post, "/admin/v1/keys/key_1/deactivate", HttpStatusCode.OK, """{"id":"key_1","prefix":"tsk_ab","status":"deactivated"}""")
            .Answer(HttpMethod.Post, "/admin/v1/keys/key_1/reactivate", HttpStatusCode.NoContent);

        var renamed = await _client.RenameKeyAsync("key_1", "renamed", Ct);
        await _client.DeleteKeyAsync("key_1", Ct);
        var deactivated = await _client.DeactivateKeyAsync("key_1", Ct);
        var reactivated = await _client.ReactivateKeyAsync("key_1", Ct);

        Assert.Equal(
            ["PATCH /admin/v1/keys/key_1", "DELETE /admin/v1/keys/key_1", "POST /admin/v1/keys/key_1/deactivate", "POST /admin/v1/keys/key_1/reactivate"],
            Api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Equal("""{"name":"renamed"}""", Api.Requests[0].Body);
        Assert.Equal("renamed", renamed!.Name);
        Assert.Equal("deactivated", deactivated!.Status);
        Assert.Null(reactivated);
    }

    [Fact]
    public async Task Account_lifecycle_calls_reach_get_suspend_and_resume()
    {
        const string Account = """{"id":"acc_1","name":"Alice","status":"suspended"}""";
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1", HttpStatusCode.OK, Account)
            .Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/suspend", HttpStatusCode.OK, Account)
            .Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/resume", HttpStatusCode.NoContent);

        Assert.Equal("Alice", (await _client.GetAccountAsync("acc_1", Ct)).Name);
        Assert.Equal("suspended", (await _client.SuspendAccountAsync("acc_1", Ct))!.Status);
        Assert.Null(await _client.ResumeAccountAsync("acc_1", Ct));
        Assert.All(Api.Requests, r => Assert.Equal(OperatorApiTarget.AdminKey, r.Bearer));
    }

    [Fact]
    public async Task Audit_reads_ok_and_the_currencies()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/ledger/audit", HttpStatusCode.OK,
            """{"ok":true,"currencies":[{"currency":"credits","sum":0},{"currency":"sats","sum":0}]}""");

        var audit = await _client.AuditLedgerAsync(Ct);

        Assert.True(audit.Ok);
        Assert.Equal(["credits", "sats"], audit.Currencies.Select(c => c.GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task Problem_json_becomes_an_exception_with_status_code_and_detail()
    {
        Api.Problem(HttpMethod.Post, "/admin/v1/accounts/acc_1/grants", HttpStatusCode.UnprocessableEntity, "invalid_currency", "No currency 'gold'.");

        var exception = await Assert.ThrowsAsync<TesseraApiException>(
            () => _client.GrantAsync("acc_1", new GrantRequest("gold", 1m), cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, exception.Status);
        Assert.Equal("invalid_currency", exception.Code);
        Assert.Equal("No currency 'gold'.", exception.Detail);
        Assert.Equal("invalid_currency: No currency 'gold'.", exception.Message);
    }

    [Fact]
    public async Task An_error_without_problem_json_still_gets_a_code()
    {
        Api.Raw(HttpMethod.Get, "/admin/v1/ledger/audit", HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html");

        var exception = await Assert.ThrowsAsync<TesseraApiException>(() => _client.AuditLedgerAsync(Ct));

        Assert.Equal("http_502", exception.Code);
        Assert.Equal(HttpStatusCode.BadGateway, exception.Status);
    }

    [Fact]
    public async Task Ids_are_escaped_into_the_path()
    {
        await Assert.ThrowsAsync<TesseraApiException>(() => _client.GetAccountAsync("a/b c", Ct));

        Assert.Equal("/admin/v1/accounts/a%2Fb%20c", Api.Single.PathAndQuery);
    }

    [Fact]
    public async Task A_server_under_a_path_prefix_keeps_its_prefix()
    {
        using var client = _target.CreateClient(new Uri("http://tessera.test/tessera"));
        Api.Answer(HttpMethod.Get, "/tessera/admin/v1/ledger/audit", HttpStatusCode.OK, """{"ok":true,"currencies":[]}""");

        Assert.True((await client.AuditLedgerAsync(Ct)).Ok);
    }
}
