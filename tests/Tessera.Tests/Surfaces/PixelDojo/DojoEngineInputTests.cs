using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Tests.Engines.Http;
using Tessera.Tests.Engines.Local;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>The built-in engines behind the dojo surface: image_url fetched through the outbound client and used; a model whose engine cannot run here is listed unavailable and refused at submission.</summary>
public sealed class DojoEngineInputTests : IAsyncLifetime
{
    private FakeProvider _images = null!;

    public async ValueTask InitializeAsync()
    {
        var png = InputImages.Quadrants();
        _images = await FakeProvider.StartAsync(app => app.MapGet("/in.png", () => Results.Bytes(png, "image/png")));
    }

    public async ValueTask DisposeAsync() => await _images.DisposeAsync();

    [Fact]
    public async Task Image_to_image_through_the_api_fetches_image_url_and_the_output_resembles_it()
    {
        await using var factory = Configure(new TesseraFactory());
        var (_, key) = await factory.CreateUserAsync(credits: 10);
        var client = factory.CreateClient();
        var jobId = await client.SubmitAsync(key, new { prompt = "mosaic", seed = 4, aspect_ratio = "1:1", image_url = _images.BaseUrl + "/in.png" });
        var job = await client.WaitForJobAsync(key, jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var png = await client.GetByteArrayAsync(job.GetProperty("output").GetProperty("images")[0].GetString(), Ct);

        Assert.Equal(1, _images.Count("GET /in.png"));
        var distance = InputImages.Distance(InputImages.Thumbnail(InputImages.Quadrants()), InputImages.Thumbnail(png));
        Assert.True(distance < 60, $"thumbnail distance {distance:0.0}");
    }

    [Fact]
    public async Task An_image_url_the_outbound_policy_refuses_fails_the_job_with_the_reason()
    {
        // Private networks are not allowed here: the loopback image server is refused by the SSRF check, not fetched.
        await using var factory = Configure(new TesseraFactory()).With("Tessera:Outbound:AllowPrivateNetworks", "false");
        var (_, key) = await factory.CreateUserAsync(credits: 10);
        var client = factory.CreateClient();
        var jobId = await client.SubmitAsync(key, new { prompt = "mosaic", image_url = _images.BaseUrl + "/in.png" });
        var job = await client.WaitForJobAsync(key, jobId);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("image_url", job.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, _images.Count("GET /in.png"));
    }

    [Fact]
    public async Task A_model_whose_engine_cannot_run_is_listed_unavailable_and_refused_at_submission()
    {
        await using var factory = Configure(new TesseraFactory()).With("Tessera:Engines:Local:FfmpegPath", "/nonexistent/ffmpeg");
        var (accountId, key) = await factory.CreateUserAsync(credits: 10);
        var client = factory.CreateClient();

        var models = await (await client.GetWithKeyAsync($"{Api}/models", key)).ReadJsonAsync();
        var video = models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("apiId").GetString() == "wan-video");
        Assert.False(video.GetProperty("available").GetBoolean());
        Assert.Contains("ffmpeg", video.GetProperty("unavailableReason").GetString(), StringComparison.Ordinal);
        var image = models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("apiId").GetString() == "flux-1.1-pro");
        Assert.True(image.GetProperty("available").GetBoolean());

        var details = await (await client.GetWithKeyAsync($"{Api}/models/wan-video", key)).ReadJsonAsync();
        Assert.False(details.GetProperty("available").GetBoolean());

        var run = await client.SendAsync(HttpMethod.Post, $"{Api}/models/wan-video/run", key, new { prompt = "clouds", duration = 2 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, run.StatusCode);
        var error = (await run.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("model_unavailable", error.GetProperty("code").GetString());
        Assert.Contains("ffmpeg", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Nothing was held or spent.
        var balances = await (await factory.CreateAdminClient().GetAsync($"/admin/v1/accounts/{accountId}/balances", Ct)).ReadJsonAsync();
        var credits = balances.GetProperty("balances").EnumerateArray().Where(b => b.GetProperty("currency").GetString() == "credits");
        Assert.Equal(10m, credits.Sum(b => b.GetProperty("available").GetDecimal()));
    }

    [Fact]
    public async Task With_ffmpeg_installed_the_video_model_is_available()
    {
        Assert.SkipUnless(Tessera.Engines.Local.Video.Executables.Exists("ffmpeg"), "ffmpeg is not installed (scripts/test installs it)");
        await using var factory = Configure(new TesseraFactory());
        var (_, key) = await factory.CreateUserAsync(credits: 10);
        var details = await (await factory.CreateClient().GetWithKeyAsync($"{Api}/models/wan-video", key)).ReadJsonAsync();
        Assert.True(details.GetProperty("available").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, details.GetProperty("unavailableReason").ValueKind);
    }
}
