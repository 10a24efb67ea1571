using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary><c>/ocean/api/automation/schedules</c>: the doc's fields, <c>next_run</c> from the cadence, toggle, delete, limits, ownership.</summary>
public sealed class OceanScheduleTests : IAsyncLifetime
{
    private const string Schedules = "/ocean/api/automation/schedules";
    private const string Page = "http://127.0.0.1:9/gallery";

    private static readonly DateTimeOffset Now = new(2026, 4, 9, 10, 0, 0, TimeSpan.Zero); // a Thursday

    private readonly FakeTimeProvider _clock = new(Now);
    private OceanHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = Start(factory => factory
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .With("Tessera:Jobs:Concurrency", "0")
            .With("Tessera:Automation:SchedulerInterval", "00:00:00")
            .With("Tessera:Automation:MaxSchedulesPerAccount", "3")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_schedule_is_created_with_the_docs_fields_and_its_next_run_follows_the_cadence()
    {
        var key = await _host.UserAsync();

        var daily = await _host.JsonAsync(HttpMethod.Post, Schedules, key,
            new { url = Page, name = "Daily Gallery Scrape", schedule = "daily", hour = 6, max_files = 50, sniper_mode = true }, expected: 201);
        Assert.True(daily.GetProperty("success").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 6, 0, 0, TimeSpan.Zero), daily.GetProperty("next_run").GetDateTimeOffset());

        var weekly = await _host.JsonAsync(HttpMethod.Post, Schedules, key, new { url = Page, name = "Wednesdays", day_of_week = 2 }, expected: 201);
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 8, 0, 0, TimeSpan.Zero), weekly.GetProperty("next_run").GetDateTimeOffset()); // weekly, 08:00 by default

        var monthly = await _host.JsonAsync(HttpMethod.Post, Schedules, key, new { url = Page, name = "Monthly", schedule = "monthly", hour = 23 }, expected: 201);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 23, 0, 0, TimeSpan.Zero), monthly.GetProperty("next_run").GetDateTimeOffset());

        var list = await _host.JsonAsync(HttpMethod.Get, Schedules, key);
        Assert.Equal(3, list.GetProperty("count").GetInt32());
        var first = list.GetProperty("schedules")[0];
        Assert.Equal(daily.GetProperty("schedule_id").GetInt64(), first.GetProperty("id").GetInt64());
        Assert.Equal("Daily Gallery Scrape", first.GetProperty("name").GetString());
        Assert.Equal("daily", first.GetProperty("schedule").GetString());
        Assert.Equal(6, first.GetProperty("hour").GetInt32());
        Assert.Equal(50, first.GetProperty("max_files").GetInt32());
        Assert.True(first.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, list.GetProperty("schedules")[1].GetProperty("day_of_week").GetInt32());
    }

    [Fact]
    public async Task Toggle_switches_a_schedule_off_and_on_and_delete_removes_it()
    {
        var key = await _host.UserAsync();
        var id = (await _host.JsonAsync(HttpMethod.Post, Schedules, key, new { url = Page, name = "s", schedule = "daily", hour = 6 }, expected: 201))
            .GetProperty("schedule_id").GetInt64();

        var off = await _host.JsonAsync(HttpMethod.Post, $"{Schedules}/{id}/toggle", key);
        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, off.GetProperty("next_run").ValueKind);

        _clock.SetUtcNow(new DateTimeOffset(2026, 4, 12, 7, 0, 0, TimeSpan.Zero));
        var on = await _host.JsonAsync(HttpMethod.Post, $"{Schedules}/{id}/toggle", key, new { enabled = true });
        Assert.True(on.GetProperty("enabled").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 6, 0, 0, TimeSpan.Zero), on.GetProperty("next_run").GetDateTimeOffset()); // missed runs are not made up

        await _host.JsonAsync(HttpMethod.Delete, $"{Schedules}/{id}", key);
        await _host.JsonAsync(HttpMethod.Delete, $"{Schedules}/{id}", key, expected: 404);
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, Schedules, key)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Another_accounts_schedule_is_404_to_toggle_and_delete_and_absent_from_the_list()
    {
        var owner = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var id = (await _host.JsonAsync(HttpMethod.Post, Schedules, owner, new { url = Page, name = "mine" }, expected: 201)).GetProperty("schedule_id").GetInt64();

        await _host.JsonAsync(HttpMethod.Post, $"{Schedules}/{id}/toggle", stranger, expected: 404);
        await _host.JsonAsync(HttpMethod.Delete, $"{Schedules}/{id}", stranger, expected: 404);
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, Schedules, stranger)).GetProperty("count").GetInt32());
        Assert.True((await _host.JsonAsync(HttpMethod.Get, Schedules, owner)).GetProperty("schedules")[0].GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task An_account_holds_at_most_the_configured_number_of_schedules()
    {
        var key = await _host.UserAsync();
        for (var i = 0; i < 3; i++)
        {
            await _host.JsonAsync(HttpMethod.Post, Schedules, key, new { url = Page, name = $"s{i}" }, expected: 201);
        }

        var refused = await _host.JsonAsync(HttpMethod.Post, Schedules, key, new { url = Page, name = "one more" }, expected: 409);
        Assert.Equal("schedule_limit_reached", refused.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"name":"no url"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/"}""")]
    [InlineData("""{"url":"ftp://example.com/","name":"x"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","schedule":"hourly"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","hour":24}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","schedule":"daily","day_of_week":2}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","day_of_week":7}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","max_files":0}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/","name":"x","sniper_mode":"yes"}""")]
    [InlineData("""[1,2]""")]
    public async Task A_bad_schedule_is_a_400_in_the_ocean_shape(string body)
    {
        var key = await _host.UserAsync();
        var json = await _host.JsonAsync(HttpMethod.Post, Schedules, key, body, expected: 400);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("validation_error", json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_private_address_is_refused_when_the_operator_does_not_allow_private_networks()
    {
        await using var strict = Start();
        var key = await strict.UserAsync();
        var json = await strict.JsonAsync(HttpMethod.Post, Schedules, key, new { url = "http://127.0.0.1/admin", name = "inside" }, expected: 400);
        Assert.Contains("AllowPrivateNetworks", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_need_the_pipelines_scope()
    {
        var narrow = await _host.UserAsync(new { name = "media only", scopes = new[] { "media" } });
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.SendAsync(HttpMethod.Get, Schedules, narrow)).StatusCode);
    }
}
