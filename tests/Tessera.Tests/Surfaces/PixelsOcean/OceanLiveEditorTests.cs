using System.Net;
using System.Text.Json;
using NetVips;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>The Live Editor routes (<c>/ocean/api/live-editor/...</c>) and the Ocean job route, over HTTP.</summary>
public sealed class OceanLiveEditorTests : IAsyncLifetime
{
    private const string Editor = "/ocean/api/live-editor";

    private readonly OceanHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> UploadAsync(string key, byte[] bytes, string name = "base.png") =>
        (await _host.UploadAsync(key, bytes, name)).GetProperty("media_id").GetInt64();

    private static object RectEdit(long baseId, string format = "png") => new
    {
        media_id = baseId,
        output = new { format },
        layers = new object[] { new { type = "shape", shape = "rect", x = 10, y = 8, width = 20, height = 10, fill = "#ff0000" } },
    };

    [Fact]
    public async Task Status_says_available_with_the_features_fonts_and_limits()
    {
        var key = await _host.UserAsync();
        var status = await _host.JsonAsync(HttpMethod.Get, Editor + "/status", key);
        Assert.True(status.GetProperty("success").GetBoolean());
        Assert.True(status.GetProperty("available").GetBoolean());
        Assert.True(status.GetProperty("features").GetArrayLength() >= 5);
        Assert.True(status.GetProperty("fonts").GetArrayLength() > 0);
        Assert.Equal(50, status.GetProperty("limits").GetProperty("max_layers").GetInt32());

        var anonymous = await _host.JsonAsync(HttpMethod.Get, Editor + "/status", null, expected: 401);
        Assert.False(anonymous.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Render_stores_the_result_in_the_library_and_its_url_serves_the_edited_pixels()
    {
        var key = await _host.UserAsync();
        var baseId = await UploadAsync(key, Png(64, 48, red: 0, green: 0, blue: 255));
        var rendered = await _host.JsonAsync(HttpMethod.Post, Editor + "/render", key, RectEdit(baseId));
        Assert.True(rendered.GetProperty("success").GetBoolean());
        var mediaId = rendered.GetProperty("media_id").GetInt64();
        Assert.NotEqual(baseId, mediaId);
        Assert.Equal(64, rendered.GetProperty("width").GetInt32());
        Assert.Equal("png", rendered.GetProperty("format").GetString());

        var bytes = await _host.Client.GetByteArrayAsync(PathOf(rendered.GetProperty("url").GetString()!), Ct);
        using var image = Image.NewFromBuffer(bytes);
        Assert.Equal((64, 48), (image.Width, image.Height));
        Assert.Equal([255.0, 0, 0], image.Getpoint(15, 12));
        Assert.Equal([0.0, 0, 255], image.Getpoint(40, 30));

        var listed = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{mediaId}", key);
        Assert.Contains("edited", listed.GetProperty("media").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.EndsWith("(edited)", listed.GetProperty("media").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Preview_answers_a_small_jpeg_with_the_edited_size_in_headers()
    {
        var key = await _host.UserAsync();
        var baseId = await UploadAsync(key, Png(2000, 1000, red: 0, green: 0, blue: 255));
        using var response = await _host.SendAsync(HttpMethod.Post, Editor + "/preview", key, RectEdit(baseId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2000", response.Headers.GetValues("X-Edit-Width").Single());
        Assert.Equal("1000", response.Headers.GetValues("X-Edit-Height").Single());
        using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((1000, 500), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("""{}""", "'media_id'")]
    [InlineData("""{"media_id":1,"layers":[{"type":"text","text":"x","opacity":101}]}""", "'layers[0].opacity'")]
    [InlineData("""{"media_id":1,"output":{"format":"gif"}}""", "'output.format'")]
    [InlineData("""[1,2]""", "JSON object")]
    public async Task Invalid_edits_are_400_in_the_ocean_shape_naming_the_field(string body, string field)
    {
        var key = await _host.UserAsync();
        foreach (var route in new[] { "/render", "/preview" })
        {
            var error = await _host.JsonAsync(HttpMethod.Post, Editor + route, key, body, expected: 400);
            Assert.False(error.GetProperty("success").GetBoolean());
            Assert.Contains(field, error.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task A_crop_outside_the_base_is_400()
    {
        var key = await _host.UserAsync();
        var baseId = await UploadAsync(key, Png(64, 48));
        var error = await _host.JsonAsync(HttpMethod.Post, Editor + "/render", key, new { media_id = baseId, crop = new { x = 50, y = 0, width = 20, height = 10 } }, expected: 400);
        Assert.Contains("'crop'", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Every_route_needs_a_key()
    {
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Post, Editor + "/render"), (HttpMethod.Post, Editor + "/preview"), (HttpMethod.Get, Editor + "/templates"),
                     (HttpMethod.Post, Editor + "/templates"), (HttpMethod.Get, Editor + "/templates/1"), (HttpMethod.Delete, Editor + "/templates/1"),
                     (HttpMethod.Post, Editor + "/batch"), (HttpMethod.Get, "/ocean/api/jobs/1"),
                 })
        {
            var error = await _host.JsonAsync(method, path, null, new { media_id = 1 }, expected: 401);
            Assert.False(error.GetProperty("success").GetBoolean());
        }
    }

    [Fact]
    public async Task Another_accounts_base_layer_template_and_job_are_404()
    {
        var (owner, stranger) = (await _host.UserAsync(), await _host.UserAsync());
        var theirs = await UploadAsync(owner, Png(32, 24, red: 1));
        var mine = await UploadAsync(stranger, Png(32, 24, red: 2));

        await _host.JsonAsync(HttpMethod.Post, Editor + "/render", stranger, RectEdit(theirs), expected: 404);
        await _host.JsonAsync(HttpMethod.Post, Editor + "/preview", stranger, RectEdit(theirs), expected: 404);
        var layer = new { media_id = mine, layers = new object[] { new { type = "image", media_id = theirs } } };
        var layerError = await _host.JsonAsync(HttpMethod.Post, Editor + "/render", stranger, layer, expected: 404);
        Assert.Contains(theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), layerError.GetProperty("error").GetString());

        var template = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", owner, new { name = "t", edit = new { filters = new { greyscale = true } } });
        var templateId = template.GetProperty("template").GetProperty("id").GetInt64();
        await _host.JsonAsync(HttpMethod.Get, $"{Editor}/templates/{templateId}", stranger, expected: 404);
        await _host.JsonAsync(HttpMethod.Delete, $"{Editor}/templates/{templateId}", stranger, expected: 404);
        await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", stranger, new { template_id = templateId, media_ids = new[] { mine } }, expected: 404);
        Assert.Empty((await _host.JsonAsync(HttpMethod.Get, Editor + "/templates", stranger)).GetProperty("templates").EnumerateArray());

        // The owner's batch over the stranger's image is refused whole; the owner's own job is not the stranger's.
        await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", owner, new { template_id = templateId, media_ids = new[] { theirs, mine } }, expected: 404);
        var batch = await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", owner, new { template_id = templateId, media_ids = new[] { theirs } });
        var jobId = batch.GetProperty("job_id").GetInt64();
        await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/jobs/{jobId}", stranger, expected: 404);
        await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/jobs/{jobId}", owner);
    }

    [Fact]
    public async Task Templates_are_created_listed_read_and_deleted()
    {
        var key = await _host.UserAsync();
        await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key, new { name = "", edit = new { } }, expected: 400);
        await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key, new { name = "x", edit = new { media_id = 4 } }, expected: 400);
        var bad = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key, new { name = "x", edit = new { layers = new[] { new { type = "nope" } } } }, expected: 400);
        Assert.Contains("'layers[0].type'", bad.GetProperty("error").GetString());

        var created = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key,
            new { name = "Banner", edit = new { layers = new object[] { new { type = "text", text = "SALE", size = 20 } } } });
        var id = created.GetProperty("template").GetProperty("id").GetInt64();
        var got = await _host.JsonAsync(HttpMethod.Get, $"{Editor}/templates/{id}", key);
        Assert.Equal("Banner", got.GetProperty("template").GetProperty("name").GetString());
        Assert.Equal("SALE", got.GetProperty("template").GetProperty("edit").GetProperty("layers")[0].GetProperty("text").GetString());
        Assert.Single((await _host.JsonAsync(HttpMethod.Get, Editor + "/templates", key)).GetProperty("templates").EnumerateArray());
        await _host.JsonAsync(HttpMethod.Delete, $"{Editor}/templates/{id}", key);
        await _host.JsonAsync(HttpMethod.Get, $"{Editor}/templates/{id}", key, expected: 404);
    }

    [Fact]
    public async Task A_batch_of_three_completes_and_its_job_lists_three_assets()
    {
        var key = await _host.UserAsync();
        var ids = new List<long>();
        for (byte i = 0; i < 3; i++)
        {
            ids.Add(await UploadAsync(key, Png(40, 30, red: (byte)(50 + i)), $"photo{i}.png"));
        }

        var template = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key,
            new { name = "grey", edit = new { filters = new { greyscale = true }, output = new { format = "jpg" } } });
        var batch = await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key, new { template_id = template.GetProperty("template").GetProperty("id").GetInt64(), media_ids = ids });
        Assert.Equal("queued", batch.GetProperty("status").GetString());
        var jobId = batch.GetProperty("job_id").GetInt64();
        Assert.Equal($"/api/jobs/{jobId}", batch.GetProperty("poll_url").GetString());
        var job = await CompletedAsync(jobId, key);
        Assert.Equal(jobId, job.GetProperty("job_id").GetInt64());
        Assert.Equal("batch_edit", job.GetProperty("kind").GetString());
        var assets = job.GetProperty("assets");
        Assert.Equal(3, assets.GetProperty("count").GetInt32());
        foreach (var item in assets.GetProperty("items").EnumerateArray())
        {
            Assert.Equal("image", item.GetProperty("type").GetString());
            Assert.EndsWith(".jpg", item.GetProperty("filename").GetString());
            Assert.True(item.GetProperty("size").GetInt64() > 0);
            var bytes = await _host.Client.GetByteArrayAsync(PathOf(item.GetProperty("url").GetString()!), Ct);
            using var image = Image.NewFromBuffer(bytes);
            var pixel = image.Getpoint(20, 15);
            Assert.True(pixel.Length == 1 || (pixel[0] == pixel[1] && pixel[1] == pixel[2]), string.Join(",", pixel));
        }

        Assert.Empty(job.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task An_image_a_batch_cannot_edit_is_listed_in_failures_and_the_others_complete()
    {
        var key = await _host.UserAsync();
        var small = await UploadAsync(key, Png(40, 30, red: 70), "small.png");
        var large = await UploadAsync(key, Png(80, 60, red: 80), "large.png");
        var template = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key,
            new { name = "crop", edit = new { crop = new { x = 0, y = 0, width = 50, height = 50 } } });
        var batch = await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key,
            new { template_id = template.GetProperty("template").GetProperty("id").GetInt64(), media_ids = new[] { small, large } });
        var job = await CompletedAsync(batch.GetProperty("job_id").GetInt64(), key);
        Assert.Equal(1, job.GetProperty("assets").GetProperty("count").GetInt32());
        var failure = Assert.Single(job.GetProperty("failures").EnumerateArray());
        Assert.Equal(small, failure.GetProperty("media_id").GetInt64());
        Assert.Contains("'crop'", failure.GetProperty("error").GetString());
    }

    private async Task<JsonElement> CompletedAsync(long jobId, string key)
    {
        JsonElement job = default;
        for (var i = 0; i < 200; i++)
        {
            job = await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/jobs/{jobId}", key);
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Equal("completed", job.GetProperty("status").GetString());
        return job;
    }

    [Fact]
    public async Task A_batch_of_501_ids_or_none_is_400_and_missing_fields_are_named()
    {
        var key = await _host.UserAsync();
        var template = await _host.JsonAsync(HttpMethod.Post, Editor + "/templates", key, new { name = "t", edit = new { } });
        var id = template.GetProperty("template").GetProperty("id").GetInt64();
        var tooMany = await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key, new { template_id = id, media_ids = Enumerable.Range(1, 501).ToArray() }, expected: 400);
        Assert.Contains("'media_ids'", tooMany.GetProperty("error").GetString());
        await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key, new { template_id = id, media_ids = Array.Empty<long>() }, expected: 400);
        Assert.Contains("'template_id'", (await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key, new { media_ids = new[] { 1 } }, expected: 400)).GetProperty("error").GetString());
        Assert.Contains("'media_ids'", (await _host.JsonAsync(HttpMethod.Post, Editor + "/batch", key, new { template_id = id }, expected: 400)).GetProperty("error").GetString());
        await _host.JsonAsync(HttpMethod.Get, "/ocean/api/jobs/999999", key, expected: 404);
    }

    [Fact]
    public async Task Previews_over_the_per_account_cap_at_once_are_429()
    {
        await using var host = Start(factory => factory.With("Tessera:Editing:MaxConcurrentPreviewsPerAccount", "1"));
        var key = await host.UserAsync();
        var baseId = (await host.UploadAsync(key, Png(3000, 2000))).GetProperty("media_id").GetInt64();
        var edit = new { media_id = baseId, filters = new { blur = 8 }, layers = new object[] { new { type = "text", text = "hello", size = 200 } } };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await host.SendAsync(HttpMethod.Post, Editor + "/preview", key, edit);
            return (int)response.StatusCode;
        }));
        Assert.Contains(200, answers);
        Assert.Contains(429, answers);
    }
}
