using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Automation.Schedules;
using Tessera.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Automation;

/// <summary>
/// Schedules fire their scrape job on time and once: two nodes on one database race for every due run, a node that
/// restarts does not fire a run again, and a run whose node died between claiming and submitting is finished by another
/// node without a second job. The clock is a <see cref="FakeTimeProvider"/> shared by the nodes; the job workers are off,
/// so each run's job stays queued and can be counted.
/// </summary>
public sealed class ScheduleRunnerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 4, 9, 10, 0, 0, TimeSpan.Zero); // a Thursday

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly string _adminKey = "tak_test_" + Guid.NewGuid().ToString("N");
    private readonly List<TesseraFactory> _nodes = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private TesseraFactory Node(string interval = "00:00:00")
    {
        var node = new TesseraFactory(_database) { AdminKey = _adminKey }
            .With("Tessera:Jobs:Concurrency", "0")
            .With("Tessera:Automation:SchedulerInterval", interval)
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        _nodes.Add(node);
        return node;
    }

    private static async Task<(string Account, HttpClient Client)> UserAsync(TesseraFactory node)
    {
        var admin = node.CreateAdminClient();
        var account = await admin.CreateAccountAsync("scheduler");
        var (_, key) = await admin.CreateKeyAsync(account);
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return (account, client);
    }

    private static async Task<long> CreateDailyAsync(HttpClient client, int hour)
    {
        var response = await client.PostAsJsonAsync("/ocean/api/automation/schedules",
            new { url = "http://127.0.0.1:9/gallery", name = "Daily Gallery Scrape", schedule = "daily", hour, max_files = 5 }, Ct);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("schedule_id").GetInt64();
    }

    private static async Task<long> ScrapeJobsAsync(TesseraFactory node, string account)
    {
        await using var connection = await node.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct);
        return await connection.Command("SELECT COUNT(*) FROM jobs WHERE account_id = @account AND kind = 'scrape'").With("@account", account).ScalarLongAsync(Ct);
    }

    private static async Task<int> RaceAsync(params TesseraFactory[] nodes)
    {
        var passes = nodes.SelectMany(node => Enumerable.Range(0, 4).Select(_ => node.Services.GetRequiredService<ScheduleRunner>().RunDueAsync(Ct)));
        return (await Task.WhenAll(passes)).Sum();
    }

    [Fact]
    public async Task Two_nodes_racing_fire_each_due_run_once_and_nothing_before_it_is_due()
    {
        var a = Node();
        var b = Node();
        var (account, client) = await UserAsync(a);
        await CreateDailyAsync(client, hour: 6);

        Assert.Equal(0, await RaceAsync(a, b)); // due 2026-04-10 06:00, not yet

        for (var day = 1; day <= 3; day++)
        {
            _clock.SetUtcNow(Start.Date.AddDays(day).AddHours(6).AddSeconds(1));
            Assert.Equal(1, await RaceAsync(a, b));
            Assert.Equal(0, await RaceAsync(a, b));
            Assert.Equal(day, await ScrapeJobsAsync(a, account));
        }

        var list = await client.GetFromJsonAsync<JsonElement>("/ocean/api/automation/schedules", Ct);
        var schedule = list.GetProperty("schedules")[0];
        Assert.Equal(3, schedule.GetProperty("runs").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 6, 0, 0, TimeSpan.Zero), schedule.GetProperty("next_run").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 4, 12, 6, 0, 0, TimeSpan.Zero), schedule.GetProperty("last_run_at").GetDateTimeOffset());
        var job = await client.GetFromJsonAsync<JsonElement>($"/ocean/api/jobs/{schedule.GetProperty("last_job_id").GetInt64()}", Ct);
        Assert.Equal("scrape", job.GetProperty("kind").GetString());
        Assert.Equal("queued", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_restarted_node_does_not_fire_a_run_again_and_a_long_outage_fires_one_run_not_a_backlog()
    {
        var first = Node();
        var (account, client) = await UserAsync(first);
        await CreateDailyAsync(client, hour: 6);
        _clock.SetUtcNow(Start.Date.AddDays(1).AddHours(7));
        Assert.Equal(1, await RaceAsync(first));
        await first.DisposeAsync();
        _nodes.Remove(first);

        var second = Node();
        Assert.Equal(0, await RaceAsync(second));

        _clock.SetUtcNow(Start.Date.AddDays(6).AddHours(7)); // five runs missed while "down"
        Assert.Equal(1, await RaceAsync(second));
        Assert.Equal(0, await RaceAsync(second));
        Assert.Equal(2, await ScrapeJobsAsync(second, account));
    }

    [Fact]
    public async Task A_run_claimed_by_a_node_that_died_is_finished_by_another_once()
    {
        var a = Node();
        var b = Node();
        var (account, client) = await UserAsync(a);
        var id = await CreateDailyAsync(client, hour: 6);
        _clock.SetUtcNow(Start.Date.AddDays(1).AddHours(6).AddMinutes(1));
        Assert.Equal(1, await RaceAsync(a));
        var firstJob = await LastJobIdAsync(a, id);

        // Died after submitting (the job exists) and before clearing its claim: taken over, no second job.
        await StrandAsync(a, id, firstJob);
        Assert.Equal(0, await RaceAsync(a, b)); // the lease (2 minutes) has not run out
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await RaceAsync(a, b));
        Assert.Equal(1, await ScrapeJobsAsync(a, account));

        // Died after claiming and before submitting (no job with that id yet): the job is submitted once, with that id.
        var planned = Tessera.Common.Ids.NewSequential("job_", _clock.GetUtcNow());
        await StrandAsync(a, id, planned);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await RaceAsync(a, b));
        Assert.Equal(0, await RaceAsync(a, b));
        Assert.Equal(2, await ScrapeJobsAsync(a, account));
        Assert.Equal(planned, await LastJobIdAsync(a, id));
    }

    [Fact]
    public async Task The_scheduler_worker_fires_a_due_run_by_itself()
    {
        var node = Node(interval: "00:00:01");
        var (account, client) = await UserAsync(node);
        await CreateDailyAsync(client, hour: 6);
        _clock.SetUtcNow(Start.Date.AddDays(1).AddHours(6));
        for (var i = 0; i < 200 && await ScrapeJobsAsync(node, account) == 0; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25, Ct);
        }

        Assert.Equal(1, await ScrapeJobsAsync(node, account));
    }

    [Fact]
    public async Task A_suspended_accounts_schedule_skips_its_runs_and_resumes_when_the_account_does()
    {
        var node = Node();
        var (account, client) = await UserAsync(node);
        var id = await CreateDailyAsync(client, hour: 6);
        var accounts = node.Services.GetRequiredService<Tessera.Accounts.AccountService>();
        await accounts.SetStatusAsync(account, Tessera.Accounts.AccountStatus.Suspended, Ct);

        _clock.SetUtcNow(Start.Date.AddDays(1).AddHours(7));
        Assert.Equal(1, await RaceAsync(node));
        Assert.Equal(0, await ScrapeJobsAsync(node, account));
        await using (var connection = await node.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct))
        await using (var command = connection.Command("SELECT last_error FROM automation_schedules WHERE id = @id").With("@id", id))
        {
            Assert.StartsWith("account_suspended", (string)(await command.ExecuteScalarAsync(Ct))!, StringComparison.Ordinal);
        }

        await accounts.SetStatusAsync(account, Tessera.Accounts.AccountStatus.Active, Ct);
        _clock.SetUtcNow(Start.Date.AddDays(2).AddHours(7));
        Assert.Equal(1, await RaceAsync(node));
        Assert.Equal(1, await ScrapeJobsAsync(node, account));
    }

    private async Task StrandAsync(TesseraFactory node, long id, string jobId)
    {
        await using var connection = await node.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct);
        await connection.Command("UPDATE automation_schedules SET run_job_id = @job, run_due = @due, run_claimed_at = @now WHERE id = @id")
            .With("@job", jobId).With("@due", _clock.GetUtcNow().ToUnixTimeMilliseconds()).With("@now", _clock.GetUtcNow().ToUnixTimeMilliseconds()).With("@id", id)
            .ExecuteAndDisposeAsync(Ct);
    }

    private static async Task<string> LastJobIdAsync(TesseraFactory node, long id)
    {
        await using var connection = await node.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct);
        await using var command = connection.Command("SELECT last_job_id FROM automation_schedules WHERE id = @id").With("@id", id);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
