using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

public sealed class DojoRunTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = Configure(new TesseraFactory());
    private HttpClient _client = null!;
    private string _accountId = "";
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        (_accountId, _key) = await _factory.CreateUserAsync(credits: 10);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Run_answers_the_submit_response_then_polling_ends_completed_with_real_pngs_of_the_aspect_ratio()
    {
        var submit = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "A sunset over the sea", aspect_ratio = "16:9", num_outputs = 2, seed = 7 });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var body = await submit.ReadJsonAsync();
        var jobId = body.GetProperty("jobId").GetString()!;
        Assert.StartsWith("job_", jobId, StringComparison.Ordinal);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal($"http://localhost/dojo/api/v1/jobs/{jobId}", body.GetProperty("statusUrl").GetString());
        Assert.Equal(2m, body.GetProperty("creditCost").GetDecimal());
        Assert.Equal(8m, body.GetProperty("creditsRemaining").GetDecimal());
        Assert.EndsWith("Z", body.GetProperty("expiresAt").GetString(), StringComparison.Ordinal);

        var job = await _client.WaitForJobAsync(_key, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var images = job.GetProperty("output").GetProperty("images").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(images, job.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("url").GetString()!));
        Assert.All(job.GetProperty("assets").EnumerateArray(), a => Assert.Equal("image", a.GetProperty("type").GetString()));
        Assert.Equal(body.GetProperty("expiresAt").GetString(), job.GetProperty("expiresAt").GetString());
        Assert.False(job.TryGetProperty("error", out _));
        foreach (var url in images)
        {
            var png = await _client.GetByteArrayAsync(url, Ct); // signed: no key needed
            Assert.Equal((1024, 576), PngSize(png));
        }
    }

    [Fact]
    public async Task Body_failing_the_schema_is_400_validation_error_naming_the_field()
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "x", num_outputs = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("validation_error", error.GetProperty("code").GetString());
        Assert.Contains("num_outputs", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var missing = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { aspect_ratio = "1:1" });
        Assert.Equal("validation_error", await missing.ErrorCodeAsync());
    }

    [Fact]
    public async Task Webhook_url_with_a_bad_scheme_is_400_validation_error()
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "x", webhook_url = "http://user:pw@example.com/hook" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("validation_error", error.GetProperty("code").GetString());
        Assert.StartsWith("webhook_url", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_invalid_json()
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, "{\"prompt\": ");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Unknown_model_run_is_404_not_found()
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/nope/run", _key, new { prompt = "x" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Too_few_credits_is_402_insufficient_credits_and_makes_no_job()
    {
        await _client.SubmitAsync(_key, new { prompt = "spend one" });
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/wan-video/run", _key, new { prompt = "x", duration = 10 }, idempotencyKey: "k-402");
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("insufficient_credits", await response.ErrorCodeAsync());
        var jobs = await (await _client.GetWithKeyAsync($"{Api}/jobs", _key)).ReadJsonAsync();
        Assert.Single(jobs.GetProperty("jobs").EnumerateArray());

        // 402 is not kept: after a top-up the same request with the same key runs.
        var grant = await _factory.CreateAdminClient().PostAsJsonAsync(
            $"/admin/v1/accounts/{_accountId}/grants", new { currency = "credits", amount = 5, pool = "purchased" }, Ct);
        Assert.True(grant.IsSuccessStatusCode);
        var retried = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/wan-video/run", _key, new { prompt = "x", duration = 10 }, idempotencyKey: "k-402");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(10m, (await retried.ReadJsonAsync()).GetProperty("creditCost").GetDecimal());
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_first_job_and_holds_once()
    {
        var first = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "same" }, idempotencyKey: "idem-1");
        var second = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "same" }, idempotencyKey: "idem-1");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.ReadJsonAsync();
        var b = await second.ReadJsonAsync();
        Assert.Equal(a.GetProperty("jobId").GetString(), b.GetProperty("jobId").GetString());
        Assert.Equal(9m, b.GetProperty("creditsRemaining").GetDecimal());
        var jobs = await (await _client.GetWithKeyAsync($"{Api}/jobs", _key)).ReadJsonAsync();
        Assert.Single(jobs.GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task A_key_without_the_generate_scope_gets_403()
    {
        var (_, jobsOnly) = await _factory.CreateUserAsync(credits: 5, keyBody: new { name = "reader", scopes = new[] { "jobs" } });
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", jobsOnly, new { prompt = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync($"{Api}/jobs", jobsOnly)).StatusCode);
    }

    [Fact]
    public async Task Another_accounts_job_is_404_not_found()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "mine" });
        var (_, other) = await _factory.CreateUserAsync(credits: 0);
        foreach (var path in new[] { $"/jobs/{jobId}", $"/jobs/{jobId}/webhook" })
        {
            var response = await _client.GetWithKeyAsync(Api + path, other);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found", await response.ErrorCodeAsync());
        }
    }

    [Fact]
    public async Task Jobs_list_pages_most_recent_first_with_a_cursor_and_checks_limit()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _client.SubmitAsync(_key, new { prompt = $"p{i}" }));
        }

        var page1 = await (await _client.GetWithKeyAsync($"{Api}/jobs?limit=2", _key)).ReadJsonAsync();
        Assert.Equal([ids[2], ids[1]], page1.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()!));
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await _client.GetWithKeyAsync($"{Api}/jobs?limit=2&cursor={cursor}", _key)).ReadJsonAsync();
        Assert.Equal([ids[0]], page2.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()!));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);

        foreach (var limit in new[] { "0", "101", "abc" })
        {
            var response = await _client.GetWithKeyAsync($"{Api}/jobs?limit={limit}", _key);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_error", await response.ErrorCodeAsync());
        }
    }

    [Fact]
    public async Task Cancel_of_a_finished_job_is_409_and_of_an_unknown_job_404()
    {
        var jobId = await _client.SubmitAsync(_key, new { prompt = "fast" });
        await _client.WaitForJobAsync(_key, jobId);
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/{jobId}/cancel", _key);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("job_finished", await response.ErrorCodeAsync());
        var message = (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("completed", message, StringComparison.Ordinal);
        Assert.DoesNotContain("succeeded", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Post, $"{Api}/jobs/job_nope/cancel", _key)).StatusCode);
    }
}
