using System.Net;
using System.Text.Json;

namespace Tessera.Tests.RateLimits;

public sealed class RateLimitRejectionTests
{
    [Fact]
    public async Task Dojo_rejects_the_61st_request_in_a_minute_with_429_retry_after_and_its_error_body()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock);
        var client = factory.CreateClient();
        await client.SpendAsync(60, "/dojo/probe", key: "key-a");

        using var response = await client.GetAsync("/dojo/probe", key: "key-a");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Header("Retry-After"));
        Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
        Assert.Equal("\"minute\";r=0;t=30", response.Header("RateLimit"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal(429, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Ocean_rejects_the_21st_request_of_the_day_in_its_success_false_shape()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock);
        var client = factory.CreateClient();
        await client.SpendAsync(20, "/ocean/probe", key: "key-a");

        using var response = await client.GetAsync("/ocean/probe", key: "key-a");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("43170", response.Header("Retry-After"));
        Assert.Equal("20", response.Header("X-RateLimit-Limit"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("error").ValueKind);
        Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_group_convention_limits_every_route_of_the_group_on_one_counter()
    {
        var clock = RateLimitHost.NewClock();
        await using var factory = RateLimitHost.Create(clock).Rule(0, "FixedWindow", 2, "00:01:00");
        var client = factory.CreateClient();
        await client.SpendAsync(1, "/ocean/group/a", key: "key-a");
        await client.SpendAsync(1, "/ocean/group/b", key: "key-a");

        using var response = await client.GetAsync("/ocean/group/a", key: "key-a");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }
}
