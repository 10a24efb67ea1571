using System.Net;
using System.Text.Json;
using NetVips;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelEngine.EngineHost;

namespace Tessera.Tests.Surfaces.PixelEngine;

public sealed class AnimateJobTests : IAsyncLifetime
{
    private readonly EngineHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Animate_then_poll_gives_a_gif_and_a_sprite_sheet_frames_wide()
    {
        var (_, key) = await _host.UserAsync();
        var jobId = await _host.AnimateAsync(key, new { image = Sprite, prompt = "a character walking left", frames = 6, fps = 10 });

        var job = await _host.WaitAsync(key, jobId);
        Assert.Equal("success", job.GetProperty("status").GetString());
        Assert.Equal(jobId, job.GetProperty("api_job_id").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
        var output = job.GetProperty("output");
        var metadata = output.GetProperty("metadata");
        Assert.Equal(6, metadata.GetProperty("frames").GetInt32());
        Assert.Equal(10, metadata.GetProperty("fps").GetInt32());
        Assert.Equal("walk", metadata.GetProperty("motion").GetString());
        Assert.Equal("left", metadata.GetProperty("direction").GetString());
        var (width, height) = (metadata.GetProperty("width").GetInt32(), metadata.GetProperty("height").GetInt32());

        var gif = await _host.Client.GetByteArrayAsync(PathOf(output.GetProperty("url").GetString()!), Ct);
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
        using (var animation = Image.GifloadBuffer(gif, n: -1))
        {
            Assert.Equal(6, (int)animation.Get("n-pages"));
            Assert.Equal((width, height), (animation.Width, animation.PageHeight));
        }

        var sheet = await _host.Client.GetByteArrayAsync(PathOf(output.GetProperty("spritesheet_url").GetString()!), Ct);
        using var png = Image.NewFromBuffer(sheet);
        Assert.Equal((6 * width, height), (png.Width, png.Height));
    }

    [Fact]
    public async Task Format_webp_makes_the_url_a_webp()
    {
        var (_, key) = await _host.UserAsync();
        var jobId = await _host.AnimateAsync(key, new { image = "data:image/png;base64," + Sprite, prompt = "spinning", frames = 4, format = "webp" });

        var job = await _host.WaitAsync(key, jobId);
        var webp = await _host.Client.GetByteArrayAsync(PathOf(job.GetProperty("output").GetProperty("url").GetString()!), Ct);
        Assert.Equal("RIFF"u8.ToArray(), webp[..4]);
        Assert.Equal("WEBP"u8.ToArray(), webp[8..12]);
    }

    [Fact]
    public async Task The_signed_link_works_a_tampered_one_is_403_and_after_an_hour_it_is_expired()
    {
        var (_, key) = await _host.UserAsync();
        var job = await _host.WaitAsync(key, await _host.AnimateAsync(key, new { image = Sprite, prompt = "bouncing" }));
        var link = PathOf(job.GetProperty("output").GetProperty("url").GetString()!);

        using (var ok = await _host.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("image/gif", ok.Content.Headers.ContentType?.MediaType);
        }

        var tampered = link[..^2] + (link[^2] == 'A' ? "B" : "A") + link[^1..];
        using (var forged = await _host.Client.GetAsync(tampered, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(61));
        using var late = await _host.Client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("link_expired", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A fresh read signs a fresh link.
        var again = await _host.WaitAsync(key, job.GetProperty("api_job_id").GetString()!);
        using var fresh = await _host.Client.GetAsync(PathOf(again.GetProperty("output").GetProperty("url").GetString()!), Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Success_spends_twenty_credits_monthly_first()
    {
        var (_, key) = await _host.UserAsync(monthly: 15, purchased: 100);
        await _host.WaitAsync(key, await _host.AnimateAsync(key, new { image = Sprite, prompt = "idle" }));

        var balance = await SettledBalanceAsync(key);
        Assert.Equal(0m, balance.GetProperty("monthly").GetDecimal());
        Assert.Equal(95m, balance.GetProperty("purchased").GetDecimal());
        Assert.Equal(95m, balance.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task An_image_that_does_not_decode_fails_the_job_and_returns_the_credits()
    {
        var (_, key) = await _host.UserAsync(purchased: 50);
        var corrupt = Convert.ToBase64String([.. Convert.FromBase64String(Sprite).Take(40), .. new byte[64]]);
        var job = await _host.WaitAsync(key, await _host.AnimateAsync(key, new { image = corrupt, prompt = "walking" }));

        Assert.Equal("failure", job.GetProperty("status").GetString());
        Assert.Equal("invalid_image", job.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("output").ValueKind);
        var balance = await SettledBalanceAsync(key);
        Assert.Equal(50m, balance.GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_job_and_holds_once()
    {
        var (_, key) = await _host.UserAsync(purchased: 100);
        var body = new { image = Sprite, prompt = "floating up" };
        using var first = await _host.SendAsync(HttpMethod.Post, "/animate", key, body, idempotencyKey: "retry-1");
        using var second = await _host.SendAsync(HttpMethod.Post, "/animate", key, body, idempotencyKey: "retry-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var jobId = (await first.ReadJsonAsync()).GetProperty("api_job_id").GetString()!;
        Assert.Equal(jobId, (await second.ReadJsonAsync()).GetProperty("api_job_id").GetString());
        await _host.WaitAsync(key, jobId);
        Assert.Equal(80m, (await SettledBalanceAsync(key)).GetProperty("available").GetDecimal());
    }

    /// <summary>The balance once no hold is pending (a hold is posted or voided just after the job's terminal commit).</summary>
    private async Task<JsonElement> SettledBalanceAsync(string key)
    {
        for (var i = 0; ; i++)
        {
            var balance = await _host.BalanceAsync(key);
            if (balance.GetProperty("held").GetDecimal() == 0 || i == 200)
            {
                return balance;
            }

            await Task.Delay(50, Ct);
        }
    }
}
