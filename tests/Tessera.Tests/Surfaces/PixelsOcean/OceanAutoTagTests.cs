using System.Text.Json;
using Tessera.Tests.Engines.Http;
using Tessera.Tests.Vision;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>
/// Upload with <c>auto_tag</c>: the analysis worker asks the vision engine (here an OpenAI-style fake, and the real local
/// model on a real photo) and the labels become tags and searchable labels; without it no engine is asked.
/// </summary>
public sealed class OceanAutoTagTests
{
    [Fact]
    public async Task Auto_tag_adds_the_images_labels_to_its_tags_after_analysis_and_they_are_searchable()
    {
        await using var fake = await FakeOpenAIVision.StartAsync(("lighthouse", 0.95), ("boat", 0.7), ("kite", 0.1));
        await using var host = Start(factory => factory.Use(fake));
        var key = await host.UserAsync();

        var uploaded = await host.UploadAsync(key, Png(64, 48, 10, 90, 200), "coast.png", ("tags", """["sea"]"""), ("auto_tag", "1"));
        Assert.Equal(["sea"], uploaded.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        var id = uploaded.GetProperty("media_id").GetInt64();

        var media = await AnalysedAsync(host, key, id);

        Assert.Equal(["sea", "lighthouse", "boat"], media.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("lighthouse, boat", media.GetProperty("labels").GetString());
        Assert.Equal([id], await SearchAsync(host, key, "q=lighthouse"));
        Assert.Equal([id], await SearchAsync(host, key, "tag=boat"));
        Assert.Empty(await SearchAsync(host, await host.UserAsync(), "q=lighthouse"));
    }

    [Fact]
    public async Task Without_auto_tag_no_vision_engine_is_asked_and_the_tags_stay_as_given()
    {
        await using var fake = await FakeOpenAIVision.StartAsync(("lighthouse", 0.95));
        await using var host = Start(factory => factory.Use(fake));
        var key = await host.UserAsync();

        var id = (await host.UploadAsync(key, Png(40, 40, 1, 2, 3), "plain.png", ("tags", """["sea"]"""))).GetProperty("media_id").GetInt64();
        var media = await AnalysedAsync(host, key, id);

        Assert.Equal(["sea"], media.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(JsonValueKind.Null, media.GetProperty("labels").ValueKind);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_vision_engine_that_fails_leaves_the_asset_analysed_without_labels()
    {
        await using var fake = await FakeProvider.StartAsync(app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(
            app, "/v1/chat/completions", () => Microsoft.AspNetCore.Http.Results.Json(new { error = new { message = "overloaded" } }, statusCode: 503)));
        await using var host = Start(factory => factory.Use(fake));
        var key = await host.UserAsync();

        var id = (await host.UploadAsync(key, Png(40, 40, 9, 9, 9), "x.png", ("auto_tag", "true"))).GetProperty("media_id").GetInt64();
        var media = await AnalysedAsync(host, key, id);

        Assert.Equal("done", media.GetProperty("analysis").GetString());
        Assert.Empty(media.GetProperty("tags").EnumerateArray());
        Assert.Equal(1, fake.Count("POST /v1/chat/completions"));
    }

    [Fact]
    public async Task An_auto_tag_value_that_is_not_a_flag_is_a_400_naming_the_field()
    {
        await using var host = Start();
        var key = await host.UserAsync();

        using var response = await host.UploadRawAsync(key, Png(), "a.png", ("auto_tag", "maybe"));
        var json = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("auto_tag", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_tag_with_the_local_model_tags_a_real_coffee_photo_cup_and_finds_it_by_that_word()
    {
        var photo = TestPhotos.Read("coffee.png");
        await using var host = Start(factory => factory.With("Tessera:Vision:Engines:0", "local"));
        var vision = (Tessera.Vision.VisionService)host.Factory.Services.GetService(typeof(Tessera.Vision.VisionService))!;
        Assert.SkipWhen(!vision.Available, "the local vision engine cannot run here: " + vision.UnavailableReason);
        var key = await host.UserAsync();

        var id = (await host.UploadAsync(key, photo, "IMG_0001.png", ("auto_tag", "1"))).GetProperty("media_id").GetInt64();
        var media = await AnalysedAsync(host, key, id);

        Assert.Contains("cup", media.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal([id], await SearchAsync(host, key, "q=cup"));
    }

    private static async Task<long[]> SearchAsync(OceanHost host, string key, string query) =>
        [.. (await host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?{query}", key)).GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];

    private static async Task<JsonElement> AnalysedAsync(OceanHost host, string key, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var media = (await host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key)).GetProperty("media");
            if (media.GetProperty("analysis").GetString() != "pending")
            {
                return media;
            }

            Assert.True(DateTime.UtcNow < deadline, $"media {id} still pending");
            await Task.Delay(100, Ct);
        }
    }
}
