using System.Text.Json;
using Tessera.Tests.Engines.Http;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Tests.Vision;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>The pipeline's generate, analyze and replace steps, each on its module (a fake vision engine for analyze).</summary>
public sealed class OceanPipelineActionsTests : IAsyncLifetime
{
    private const string PipelineApi = "/ocean/api/pipeline";

    private FakeProvider _vision = null!;
    private LocalReceiver _site = null!;
    private OceanHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _vision = await FakeOpenAIVision.StartAsync(("dog", 0.9), ("frisbee", 0.7));
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            (int Status, string Type, byte[] Body) answer = request.PathAndQuery switch
            {
                "/robots.txt" => (404, "text/plain", "none"u8.ToArray()),
                "/news" => (200, "text/html", System.Text.Encoding.UTF8.GetBytes(
                    $"<html><head><meta property='og:title' content='Dog catches frisbee'><meta property='og:image' content='{_site!.Url}lead.jpg'></head><body><h1>Dog</h1></body></html>")),
                "/lead.jpg" => (200, "image/jpeg", Photo()),
                _ => (404, "text/plain", "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.Type;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });
        _host = Start(factory => factory.Use(_vision).With("Tessera:Outbound:AllowPrivateNetworks", "true"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _site.DisposeAsync();
        await _vision.DisposeAsync();
    }

    /// <summary>A photo-like JPEG (a gradient with a shape): enough structure for a perceptual hash.</summary>
    private static byte[] Photo()
    {
        using var xy = NetVips.Image.Xyz(256, 256);
        using var x = xy[0];
        using var y = xy[1];
        using var colour = x.Bandjoin(y, (x + y) / 2).Cast(NetVips.Enums.BandFormat.Uchar);
        using var marked = colour.Mutate(image => image.DrawRect([255.0, 255.0, 255.0], 60, 60, 80, 120, fill: true));
        return marked.JpegsaveBuffer(q: 90);
    }

    private async Task<JsonElement> RunAsync(string key, params object[] steps) =>
        await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps });

    [Fact]
    public async Task Generate_keeps_its_images_in_the_library_and_analyze_labels_them_for_a_search()
    {
        var key = await _host.UserAsync();
        var answer = await RunAsync(key,
            new { name = "make", action = "generate", @params = new { prompt = "a red fox in snow", count = 2, orientation = "square" } },
            new { name = "look", action = "analyze", @params = new { media_ids = "$make.media_ids", max_images = 2 } },
            new { name = "more", action = "generate", @params = new { prompt = "$look.top_labels" } });

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        var steps = answer.GetProperty("pipeline").GetProperty("steps");
        var made = steps[0].GetProperty("output");
        Assert.Equal(2, made.GetProperty("count").GetInt32());
        Assert.Equal("local", made.GetProperty("provider").GetString());
        var first = made.GetProperty("media_ids")[0].GetInt64();
        var stored = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{first}", key);
        Assert.Contains("generated", stored.GetProperty("media").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));

        var look = steps[1].GetProperty("output");
        Assert.Equal(2, look.GetProperty("count").GetInt32());
        Assert.Equal("Dog Frisbee", look.GetProperty("summary").GetString());
        Assert.Equal(["dog", "frisbee"], look.GetProperty("top_labels").EnumerateArray().Select(label => label.GetString()));
        Assert.Equal(1, steps[2].GetProperty("output").GetProperty("count").GetInt32());

        // Another account's ids label nothing: the step sees only the caller's library.
        var stranger = await _host.UserAsync();
        var foreign = await RunAsync(stranger, new { name = "look", action = "analyze", @params = new { media_ids = new[] { first } } });
        Assert.Equal(0, foreign.GetProperty("pipeline").GetProperty("result").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Replace_finds_the_clean_copy_in_the_library_by_perceptual_hash()
    {
        var key = await _host.UserAsync();
        // The near-duplicate search reads the perceptual hash the analysis stores: wait for it.
        var clean = (await _host.AnalysedAsync(key, Photo(), "original.jpg")).GetProperty("id").GetInt64();
        var answer = await RunAsync(key, new { name = "swap", action = "replace", @params = new { url = new Uri(_site.Url, "/news").AbsoluteUri } });

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        var result = answer.GetProperty("pipeline").GetProperty("result");
        Assert.Equal("Dog catches frisbee", result.GetProperty("headline").GetString());
        Assert.Equal(new Uri(_site.Url, "/lead.jpg").AbsoluteUri, result.GetProperty("watermarked_url").GetString());
        var found = result.GetProperty("results").EnumerateArray().Single(item => item.GetProperty("media_id").ValueKind == JsonValueKind.Number);
        Assert.Equal(clean, found.GetProperty("media_id").GetInt64());
        Assert.True(found.GetProperty("phash_match").GetBoolean());
    }

    [Fact]
    public async Task A_step_whose_module_refuses_fails_with_the_modules_reason()
    {
        var key = await _host.UserAsync();
        var answer = await RunAsync(key, new { name = "make", action = "generate", @params = new { prompt = "a fox", style = "baroque" } });
        Assert.False(answer.GetProperty("success").GetBoolean());
        Assert.Contains("style", answer.GetProperty("pipeline").GetProperty("steps")[0].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
