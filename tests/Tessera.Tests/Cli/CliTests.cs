using System.Net;
using System.Text.Json;
using Tessera.Cli;

namespace Tessera.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly OperatorApiTarget _target = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Dictionary<string, string> _environment = [];
    private readonly List<Uri> _servers = [];
    private string[]? _servedWith;

    private FakeOperatorApi Api => _target.Api;

    public void Dispose()
    {
        _target.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> RunAsync(params string[] args)
    {
        var app = CliApp.Create(new CliEnvironment(
            _output,
            _error,
            (server, key) =>
            {
                _servers.Add(server);
                return _target.CreateClient(server, key);
            },
            name => _environment.GetValueOrDefault(name),
            (serveArgs, _) =>
            {
                _servedWith = serveArgs;
                return Task.CompletedTask;
            }));
        return app.RunAsync(args, TestContext.Current.CancellationToken);
    }

    private Task<int> AdminAsync(params string[] args) => RunAsync(["admin", "--admin-key", "adm_cli", .. args]);

    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines) + Environment.NewLine;

    [Fact]
    public async Task Account_create_prints_the_account_and_uses_the_chosen_server_and_key()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts", HttpStatusCode.Created,
            """{"id":"acc_1","name":"Alice","kind":"user","status":"active","created_at":"2025-01-02T03:04:05Z"}""");

        var exit = await RunAsync("admin", "account", "create", "Alice", "--server", "http://ops.test:9000", "--admin-key", "adm_cli");

        Assert.Equal(0, exit);
        Assert.Equal(new Uri("http://ops.test:9000"), Assert.Single(_servers));
        Assert.Equal("adm_cli", Api.Single.Bearer);
        Assert.Equal("""{"name":"Alice"}""", Api.Single.Body);
        Assert.Equal(Lines(
            "id:       acc_1",
            "name:     Alice",
            "kind:     user",
            "status:   active",
            "created:  2025-01-02 03:04:05Z"), _output.ToString());
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task Server_and_key_fall_back_to_the_environment_then_the_default_server()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/ledger/audit", HttpStatusCode.OK, """{"ok":true,"currencies":[]}""");
        _environment["TESSERA_ADMIN_KEY"] = "adm_env";

        Assert.Equal(0, await RunAsync("admin", "audit"));
        _environment["TESSERA_SERVER"] = "https://tessera.example";
        Assert.Equal(0, await RunAsync("admin", "audit"));

        Assert.Equal([new Uri("http://127.0.0.1:8080"), new Uri("https://tessera.example")], _servers);
        Assert.All(Api.Requests, r => Assert.Equal("adm_env", r.Bearer));
    }

    [Fact]
    public async Task Admin_commands_without_a_key_are_a_usage_error()
    {
        var exit = await RunAsync("admin", "balances", "acc_1");

        Assert.Equal(2, exit);
        Assert.Empty(Api.Requests);
        Assert.StartsWith("error: usage: an admin key is required", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_create_sends_every_scope_and_prints_the_secret_once()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/keys", HttpStatusCode.Created,
            """{"id":"key_1","key":"tsk_secret","prefix":"tsk_sec","name":"ci","scopes":["canvas:write","jobs:read"]}""");

        var exit = await AdminAsync("key", "create", "acc_1", "--name", "ci", "--scope", "canvas:write", "--scope", "jobs:read");

        Assert.Equal(0, exit);
        Assert.Equal("""{"name":"ci","scopes":["canvas:write","jobs:read"]}""", Api.Single.Body);
        Assert.StartsWith("key:     tsk_secret" + Environment.NewLine, _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("scopes:  canvas:write,jobs:read", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("shown only this once", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_list_prints_a_table()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1/keys", HttpStatusCode.OK, """
            {"keys":[
              {"id":"key_1","prefix":"tsk_ab","name":"ci","scopes":["canvas:write"],"status":"active","created_at":"2025-01-01T00:00:00Z"},
              {"id":"key_22","prefix":"tsk_cd","name":null,"scopes":[],"status":"deactivated","created_at":"2025-02-01T00:00:00Z"}]}
            """);

        Assert.Equal(0, await AdminAsync("key", "list", "acc_1"));

        Assert.Equal(Lines(
            "ID      PREFIX  NAME  SCOPES        STATUS       CREATED",
            "key_1   tsk_ab  ci    canvas:write  active       2025-01-01 00:00:00Z",
            "key_22  tsk_cd  -     *             deactivated  2025-02-01 00:00:00Z"), _output.ToString());
    }

    [Fact]
    public async Task Grant_sends_the_amount_pool_reason_and_idempotency_key()
    {
        Api.Answer(HttpMethod.Post, "/admin/v1/accounts/acc_1/grants", HttpStatusCode.Created, """{"id":"tr_9","currency":"credits","pool":"monthly","amount":2.5}""");

        var exit = await AdminAsync("grant", "acc_1", "credits", "2.50", "--pool", "monthly", "--reason", "welcome", "--idempotency-key", "g-1");

        Assert.Equal(0, exit);
        var request = Api.Single;
        Assert.Equal("g-1", request.Header("Idempotency-Key"));
        Assert.Equal(2.5m, request.Json.GetProperty("amount").GetDecimal());
        Assert.Equal("monthly", request.Json.GetProperty("pool").GetString());
        Assert.Equal("welcome", request.Json.GetProperty("reason").GetString());
        Assert.Equal(Lines("granted 2.5 credits (monthly) to acc_1", "transfer: tr_9"), _output.ToString());
    }

    [Theory]
    [InlineData("credits", "abc")]
    [InlineData("credits", "0")]
    [InlineData("credits", "1e3")]
    [InlineData("credits", "1,5")]
    [InlineData("gold", "1")]
    public async Task Grant_with_a_bad_currency_or_amount_is_a_usage_error_and_sends_nothing(string currency, string amount)
    {
        var exit = await AdminAsync("grant", "acc_1", currency, amount);

        Assert.Equal(2, exit);
        Assert.Empty(Api.Requests);
        Assert.StartsWith("error: usage: ", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sats", "monthly")]
    [InlineData("credits", "weekly")]
    public async Task Grant_pool_must_be_a_credits_pool(string currency, string pool)
    {
        Assert.Equal(2, await AdminAsync("grant", "acc_1", currency, "1", "--pool", pool));
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public async Task Balances_print_a_table_with_amounts_right_aligned()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1/balances", HttpStatusCode.OK, """
            {"balances":[
              {"currency":"credits","pool":"monthly","posted":10.500,"held":1.25,"available":9.25},
              {"currency":"credits","pool":"purchased","posted":0,"held":0,"available":0},
              {"currency":"sats","pool":null,"posted":2500,"held":0,"available":2500}]}
            """);

        Assert.Equal(0, await AdminAsync("balances", "acc_1"));

        Assert.Equal(Lines(
            "CURRENCY  POOL       POSTED  HELD  AVAILABLE",
            "credits   monthly      10.5  1.25       9.25",
            "credits   purchased       0     0          0",
            "sats      -            2500     0       2500"), _output.ToString());
    }

    [Fact]
    public async Task Json_prints_the_answer_with_its_snake_case_fields()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/accounts/acc_1/balances", HttpStatusCode.OK,
            """{"balances":[{"currency":"sats","pool":null,"posted":2500,"held":0,"available":2500}]}""");

        Assert.Equal(0, await RunAsync("admin", "balances", "acc_1", "--json", "--admin-key", "k"));

        var balance = JsonDocument.Parse(_output.ToString()).RootElement.GetProperty("balances")[0];
        Assert.Equal("sats", balance.GetProperty("currency").GetString());
        Assert.Equal(2500m, balance.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task An_api_error_prints_code_and_detail_to_stderr_and_exits_1()
    {
        Api.Problem(HttpMethod.Get, "/admin/v1/accounts/acc_404/balances", HttpStatusCode.NotFound, "account_not_found", "No account acc_404.");

        var exit = await AdminAsync("balances", "acc_404");

        Assert.Equal(1, exit);
        Assert.Equal(Lines("error: account_not_found: No account acc_404."), _error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task A_failed_audit_exits_1()
    {
        Api.Answer(HttpMethod.Get, "/admin/v1/ledger/audit", HttpStatusCode.OK, """{"ok":false,"currencies":[{"currency":"sats","sum":5}]}""");

        Assert.Equal(1, await AdminAsync("audit"));
        Assert.StartsWith("ledger audit: FAILED", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_commands_and_missing_arguments_exit_2()
    {
        Assert.Equal(2, await RunAsync("admin", "frobnicate"));
        Assert.Equal(2, await AdminAsync("account", "create"));
        Assert.Equal(2, await RunAsync());
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public async Task Serve_forwards_its_options_to_the_server()
    {
        var exit = await RunAsync("serve", "--urls", "http://0.0.0.0:9000", "--data", "/var/lib/tessera", "--database", "Data Source=x.db", "--config", "t.json", "--Tessera:Verification:Mode=open");

        Assert.Equal(0, exit);
        Assert.Equal(
            ["--urls", "http://0.0.0.0:9000", "--data", "/var/lib/tessera", "--database", "Data Source=x.db", "--config", "t.json", "--Tessera:Verification:Mode=open"],
            _servedWith!);
    }
}
