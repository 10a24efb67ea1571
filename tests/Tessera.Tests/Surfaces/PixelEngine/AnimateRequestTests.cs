using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelEngine.EngineHost;

namespace Tessera.Tests.Surfaces.PixelEngine;

/// <summary>What /animate and /jobs refuse, and how; and what a job looks like before it runs.</summary>
public sealed class AnimateRequestTests : IAsyncLifetime
{
    // No job slots: every job stays queued, holding its credits.
    private readonly EngineHost _host = Start(concurrency: 0);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_queued_job_is_queued_and_its_twenty_credits_show_as_held()
    {
        var (_, key) = await _host.UserAsync(purchased: 30);
        var jobId = await _host.AnimateAsync(key, new { image = Sprite, prompt = "walking right" });

        using var response = await _host.SendAsync(HttpMethod.Get, "/jobs?id=" + jobId, key);
        var job = await response.ReadJsonAsync();
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("output").ValueKind);
        var balance = await _host.BalanceAsync(key);
        Assert.Equal(20m, balance.GetProperty("held").GetDecimal());
        Assert.Equal(10m, balance.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task Fewer_than_twenty_credits_is_402_insufficient_credits_and_no_hold()
    {
        var (_, key) = await _host.UserAsync(monthly: 10, purchased: 9);
        using var response = await _host.SendAsync(HttpMethod.Post, "/animate", key, new { image = Sprite, prompt = "walking" });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("insufficient_credits", Code(await response.ReadJsonAsync()));
        var balance = await _host.BalanceAsync(key);
        Assert.Equal((0m, 19m), (balance.GetProperty("held").GetDecimal(), balance.GetProperty("available").GetDecimal()));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("aGVsbG8gd29ybGQsIEknbSBub3QgYW4gaW1hZ2U=")]
    [InlineData("")]
    public async Task What_is_not_an_image_is_400_invalid_image_before_any_hold(string image)
    {
        var (_, key) = await _host.UserAsync(purchased: 30);
        using var response = await _host.SendAsync(HttpMethod.Post, "/animate", key, new { image, prompt = "walking" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_image", Code(await response.ReadJsonAsync()));
        Assert.Equal(0m, (await _host.BalanceAsync(key)).GetProperty("held").GetDecimal());
    }

    [Fact]
    public async Task Bad_fields_are_400_invalid_request_naming_the_field()
    {
        var (_, key) = await _host.UserAsync();
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { image = Sprite }, "prompt"),
            (new { image = Sprite, prompt = "walk", frames = 100 }, "frames"),
            (new { image = Sprite, prompt = "walk", fps = "fast" }, "fps"),
            (new { image = Sprite, prompt = "walk", format = "bmp" }, "format"),
        })
        {
            using var response = await _host.SendAsync(HttpMethod.Post, "/animate", key, body);
            var error = (await response.ReadJsonAsync()).GetProperty("error");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request", error.GetProperty("code").GetString());
            Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var notJson = await _host.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, Api + "/animate") { Content = new StringContent("{nope", System.Text.Encoding.UTF8, "application/json") }
                .WithKey(key), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("invalid_request", Code(await notJson.ReadJsonAsync()));
    }

    [Fact]
    public async Task A_deactivated_key_is_401_on_animate()
    {
        var (_, key) = await _host.UserAsync();
        using var created = await _host.SendAsync(HttpMethod.Post, "/keys", key, new { name = "paused" });
        var made = await created.ReadJsonAsync();
        using var _ = await _host.SendAsync(HttpMethod.Post, $"/keys/{made.GetProperty("id").GetString()}/deactivate", key);

        using var response = await _host.SendAsync(HttpMethod.Post, "/animate", made.GetProperty("key").GetString()!, new { image = Sprite, prompt = "walk" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", Code(await response.ReadJsonAsync()));
    }

    [Fact]
    public async Task Jobs_needs_an_id_and_answers_404_for_unknown_and_other_accounts_jobs()
    {
        var (_, key) = await _host.UserAsync();
        var (_, otherKey) = await _host.UserAsync();
        var jobId = await _host.AnimateAsync(key, new { image = Sprite, prompt = "walk" });

        using var missing = await _host.SendAsync(HttpMethod.Get, "/jobs", key);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("invalid_request", Code(await missing.ReadJsonAsync()));

        foreach (var (id, caller) in new[] { ("job_doesnotexist", key), (jobId, otherKey) })
        {
            using var response = await _host.SendAsync(HttpMethod.Get, "/jobs?id=" + id, caller);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("job_not_found", Code(await response.ReadJsonAsync()));
        }
    }

    [Fact]
    public async Task A_preflight_for_animate_with_authorization_is_allowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Api + "/animate");
        request.Headers.Add("Origin", "https://game.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        using var response = await _host.Client.SendAsync(request, Ct);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    private static string? Code(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString();
}
