using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Jobs;

/// <summary>
/// Issue #12, one idempotency mechanism: <c>POST /admin/v1/jobs</c> honours <c>Idempotency-Key</c> through the HTTP
/// middleware like every other money-moving route (the Jobs module's own key table is gone).
/// </summary>
public sealed class AdminJobIdempotencyTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = JobsTestHost.Create(concurrency: 0);
    private HttpClient _admin = null!;
    private string _account = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _account = await _admin.CreateAccountAsync();
        (await _admin.PostAsJsonAsync($"/admin/v1/accounts/{_account}/grants", new { currency = "credits", amount = 10, pool = "purchased" }, Ct)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<HttpResponseMessage> SubmitAsync(string key, string prompt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/jobs")
        {
            Content = JsonContent.Create(new { account_id = _account, model = "ok", input = new { prompt } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _admin.SendAsync(request, Ct);
    }

    private async Task<int> JobCountAsync() =>
        (await (await _admin.GetAsync($"/admin/v1/accounts/{_account}/jobs?limit=100", Ct)).ReadJsonAsync()).GetProperty("jobs").GetArrayLength();

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_with_Idempotent_Replayed_and_holds_once()
    {
        using var first = await SubmitAsync("admin-1", "a castle");
        using var second = await SubmitAsync("admin-1", "a castle");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var id = (await first.ReadJsonAsync()).GetProperty("job").GetProperty("id").GetString();
        Assert.Equal(id, (await second.ReadJsonAsync()).GetProperty("job").GetProperty("id").GetString());
        Assert.Equal(1, await JobCountAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_makes_no_job()
    {
        using var first = await SubmitAsync("admin-2", "a castle");
        using var other = await SubmitAsync("admin-2", "a lighthouse");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("idempotency_key_reused", (await other.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1, await JobCountAsync());
    }

    [Fact]
    public async Task Concurrent_submits_with_one_key_make_one_job()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync("admin-3", "a race")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await JobCountAsync());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
