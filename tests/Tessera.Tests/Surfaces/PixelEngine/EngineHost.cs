using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.Engines.Local;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.PixelEngine;

/// <summary>A server with fast job polling, and the calls the Pixel Engine tests repeat: a funded user, animate, poll.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    public const string Api = "/engine/functions/v1";

    public static readonly string Sprite = Convert.ToBase64String(LocalEngineRequests.TwoColourSprite(24, 16));

    private EngineHost(TesseraFactory factory, ShiftedClock clock)
    {
        Factory = factory;
        Clock = clock;
        Client = factory.CreateClient();
    }

    public TesseraFactory Factory { get; }

    public ShiftedClock Clock { get; }

    public HttpClient Client { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="concurrency">Job slots on the node; 0 leaves every job queued (nothing runs it).</param>
    public static EngineHost Start(int concurrency = 2)
    {
        var clock = new ShiftedClock();
        var factory = new TesseraFactory()
            .With("Tessera:Jobs:Concurrency", concurrency.ToString(CultureInfo.InvariantCulture))
            .With("Tessera:Jobs:PollInterval", "00:00:00.050")
            .With("Tessera:Jobs:SweepInterval", "00:00:00.200")
            .With("Tessera:Jobs:FollowupDelay", "00:00:00.500")
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));
        return new EngineHost(factory, clock);
    }

    /// <summary>An account with <paramref name="monthly"/> and <paramref name="purchased"/> credits and one account key.</summary>
    public async Task<(string AccountId, string Key)> UserAsync(decimal monthly = 0, decimal purchased = 100)
    {
        var admin = Factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync("engine user");
        foreach (var (pool, amount) in new[] { ("monthly", monthly), ("purchased", purchased) })
        {
            if (amount > 0)
            {
                var granted = await admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/grants", new { currency = "credits", amount, pool }, Ct);
                Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync(Ct));
            }
        }

        var (_, key) = await admin.CreateKeyAsync(account);
        return (account, key);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, Api + path).WithKey(key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request, Ct);
    }

    /// <summary>POST /animate that must be accepted; the job id.</summary>
    public async Task<string> AnimateAsync(string key, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/animate", key, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal("queued", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
        return json.GetProperty("api_job_id").GetString()!;
    }

    /// <summary>Polls GET /jobs until success or failure (20 s at most); the last body.</summary>
    public async Task<JsonElement> WaitAsync(string key, string jobId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, "/jobs?id=" + jobId, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var job = await response.ReadJsonAsync();
            if (job.GetProperty("status").GetString() is "success" or "failure")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < until, $"job {jobId} is still {job.GetProperty("status")}");
            await Task.Delay(50, Ct);
        }
    }

    public async Task<JsonElement> BalanceAsync(string key)
    {
        using var response = await SendAsync(HttpMethod.Get, "/balance", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>The path and query of a signed link, to fetch through the in-memory client.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
