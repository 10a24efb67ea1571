using System.Net;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

public sealed class DojoExpiryAndLimitTests
{
    [Fact]
    public async Task After_expiresAt_the_job_is_410_expired_and_its_outputs_are_gone()
    {
        await using var factory = Configure(new TesseraFactory()).With("Tessera:Jobs:DefaultOutputLifetime", "00:00:03");
        var (_, key) = await factory.CreateUserAsync(credits: 5);
        var client = factory.CreateClient();
        var jobId = await client.SubmitAsync(key, new { prompt = "short lived" });
        var job = await client.WaitForJobAsync(key, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var url = job.GetProperty("assets")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, Ct)).StatusCode);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200, Ct);
            response = await client.GetWithKeyAsync($"{Api}/jobs/{jobId}", key);
        }
        while (response.StatusCode == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("expired", await response.ErrorCodeAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(url, Ct)).StatusCode);

        // The list agrees with the single-job route: expired, with no outputs left to link to.
        var listed = (await (await client.GetWithKeyAsync($"{Api}/jobs", key)).ReadJsonAsync()).GetProperty("jobs")
            .EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == jobId);
        Assert.Equal("expired", listed.GetProperty("status").GetString());
        Assert.Empty(listed.GetProperty("assets").EnumerateArray());
        Assert.False(listed.TryGetProperty("output", out var output) && output.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_61st_request_in_a_minute_across_endpoints_is_429_with_rate_limit_headers()
    {
        await using var factory = Configure(new TesseraFactory());
        var (_, key) = await factory.CreateUserAsync(credits: 0);
        var client = factory.CreateClient();
        for (var i = 0; i < 60; i++)
        {
            var path = (i % 3) switch { 0 => "/models", 1 => "/jobs", _ => "/webhook/secret" };
            var ok = await client.GetWithKeyAsync(Api + path, key);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("60", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((59 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var refused = await client.GetWithKeyAsync($"{Api}/models/flux-1.1-pro", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", await refused.ErrorCodeAsync());
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(long.Parse(refused.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);

        var (_, otherKey) = await factory.CreateUserAsync(credits: 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync($"{Api}/models", otherKey)).StatusCode);
    }
}
