using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tessera.Tests.Engines.Http;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>
/// <c>/api/generate</c>, <c>/api/replace/generate</c> and <c>/api/replace/batch</c> over HTTP, on the offline default
/// (the local procedural provider) and on local fakes of the Gemini (Imagen) and OpenAI Images APIs.
/// </summary>
public sealed class OceanGenerateTests
{
    private const string GenerateApi = "/ocean/api/generate";
    private const string QueueApi = "/ocean/api/replace/generate";
    private const string BatchApi = "/ocean/api/replace/batch";
    private const string CallerKey = "AIzaSy-caller-secret-9f3b2c";

    /// <summary>A host with the daily quota raised (a test makes more than 20 generations) and small local images.</summary>
    private static OceanHost Host(Func<TesseraFactory, TesseraFactory>? configure = null) => Start(factory =>
    {
        factory
            .With("Tessera:RateLimits:Policies:ocean:0:Name", "day")
            .With("Tessera:RateLimits:Policies:ocean:0:Kind", "FixedWindow")
            .With("Tessera:RateLimits:Policies:ocean:0:Limit", "100000")
            .With("Tessera:RateLimits:Policies:ocean:0:Window", "1.00:00:00")
            .With("Tessera:RateLimits:Policies:ocean:0:Partition", "Key")
            .With("Tessera:Generation:LocalLongSide", "128");
        return configure?.Invoke(factory) ?? factory;
    });

    /// <summary>Configures a Gemini engine (<c>gemini</c>, key <paramref name="geminiKey"/> or none) and an OpenAI one, as
    /// generation providers <c>imagen4</c> and <c>dalle3</c>, tried in <paramref name="order"/>.</summary>
    private static TesseraFactory Providers(TesseraFactory factory, FakeProvider? gemini, FakeProvider? openai, string order, string? geminiKey = "AIza-operator")
    {
        if (gemini is not null)
        {
            factory.With("Tessera:Engines:Providers:gemini:Kind", "gemini").With("Tessera:Engines:Providers:gemini:BaseUrl", gemini.BaseUrl)
                .With("Tessera:Engines:Providers:gemini:ApiKey", geminiKey ?? "")
                .With("Tessera:Generation:Providers:imagen4:Engine", "gemini")
                .With("Tessera:Generation:Providers:imagen4:Model", "imagen-4.0-fast-generate-001")
                .With("Tessera:Generation:Providers:imagen4:Title", "Imagen 4");
        }

        if (openai is not null)
        {
            factory.With("Tessera:Engines:Providers:openai:Kind", "openai").With("Tessera:Engines:Providers:openai:BaseUrl", openai.BaseUrl)
                .With("Tessera:Engines:Providers:openai:ApiKey", "sk-operator")
                .With("Tessera:Generation:Providers:dalle3:Engine", "openai")
                .With("Tessera:Generation:Providers:dalle3:Model", "dall-e-3")
                .With("Tessera:Generation:Providers:dalle3:Title", "DALL-E 3");
        }

        return factory.With("Tessera:Generation:Order", order);
    }

    /// <summary>A fake Imagen <c>:predict</c> answering <paramref name="status"/> (200: sampleCount PNGs); records the key header of each call.</summary>
    private static Task<FakeProvider> FakeGeminiAsync(List<string?> keys, int status = 200) =>
        FakeProvider.StartAsync(app => app.MapPost("/v1beta/models/{model}", async (HttpRequest request, string model) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            lock (keys)
            {
                keys.Add(request.Headers["x-goog-api-key"]);
            }

            if (status != 200)
            {
                return Results.Json(new { error = new { code = status, message = "The service is currently unavailable.", status = "UNAVAILABLE" } }, statusCode: status);
            }

            if (model != "imagen-4.0-fast-generate-001:predict" || string.IsNullOrEmpty(request.Headers["x-goog-api-key"]))
            {
                return Results.Json(new { error = new { code = 403, message = "Method doesn't allow unregistered callers.", status = "PERMISSION_DENIED" } }, statusCode: 403);
            }

            var count = (int?)body["parameters"]?["sampleCount"] ?? 4;
            return Results.Json(new { predictions = Enumerable.Range(0, count).Select(_ => new { mimeType = "image/png", bytesBase64Encoded = Convert.ToBase64String(Png(8, 8, red: 1)) }) });
        }));

    /// <summary>A fake OpenAI Images API: refuses prompts with "forbidden" as its safety system does, else n PNGs after
    /// <paramref name="delay"/>; records each body and Authorization header, and the most calls in flight at once.</summary>
    private sealed class FakeOpenAI
    {
        private int _inFlight;

        public List<(string? Authorization, JsonObject Body)> Calls { get; } = [];

        public int MaxInFlight { get; private set; }

        public FakeProvider Server { get; private set; } = null!;

        public static async Task<FakeOpenAI> StartAsync(TimeSpan delay = default)
        {
            var fake = new FakeOpenAI();
            fake.Server = await FakeProvider.StartAsync(app => app.MapPost("/v1/images/generations", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                lock (fake.Calls)
                {
                    fake.Calls.Add((request.Headers.Authorization, body));
                    fake.MaxInFlight = Math.Max(fake.MaxInFlight, ++fake._inFlight);
                }

                try
                {
                    await Task.Delay(delay);
                    if (((string?)body["prompt"])!.Contains("forbidden", StringComparison.Ordinal))
                    {
                        return Results.Json(new { error = new { message = "Your request was rejected by the safety system.", code = "moderation_blocked" } }, statusCode: 400);
                    }

                    var n = (int?)body["n"] ?? 1;
                    return Results.Json(new { created = 1, data = Enumerable.Range(0, n).Select(_ => new { b64_json = Convert.ToBase64String(Png(8, 8, blue: 2)) }) });
                }
                finally
                {
                    lock (fake.Calls)
                    {
                        fake._inFlight--;
                    }
                }
            }));
            return fake;
        }
    }

    private static async Task<JsonElement> PollAsync(OceanHost host, string key, string pollUrl)
    {
        for (var i = 0; i < 400; i++)
        {
            var job = await host.JsonAsync(HttpMethod.Get, pollUrl, key);
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                return job;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The generation did not finish.");
    }

    private static (int Width, int Height) SizeOf(byte[] png)
    {
        using var image = NetVips.Image.NewFromBuffer(png);
        return (image.Width, image.Height);
    }

    private static byte[] DataUrlBytes(JsonElement image)
    {
        var url = image.GetProperty("url").GetString()!;
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        return Convert.FromBase64String(url["data:image/png;base64,".Length..]);
    }

    [Fact]
    public async Task Generate_works_offline_on_the_local_provider_with_titled_data_url_pngs_sized_by_orientation()
    {
        await using var host = Host();
        var key = await host.UserAsync();

        var made = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "Futuristic cyberpunk street food stall at night" });

        Assert.True(made.GetProperty("success").GetBoolean());
        Assert.Equal("Futuristic cyberpunk street food stall at night", made.GetProperty("prompt").GetString());
        Assert.Equal(2, made.GetProperty("count").GetInt32()); // the doc's default
        Assert.Equal("local", made.GetProperty("provider").GetString());
        Assert.Equal(("professional", "landscape"), (made.GetProperty("style").GetString(), made.GetProperty("orientation").GetString()));
        var images = made.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal([0, 1], images.Select(image => image.GetProperty("index").GetInt32()));
        Assert.Equal(["Local procedural — Variation 1", "Local procedural — Variation 2"], images.Select(image => image.GetProperty("title").GetString()));
        Assert.All(images, image => Assert.Equal("local", image.GetProperty("provider").GetString()));
        Assert.Equal((128, 72), SizeOf(DataUrlBytes(images[0])));
        Assert.NotEqual(DataUrlBytes(images[0]), DataUrlBytes(images[1])); // variations, not copies

        foreach (var (orientation, size) in new[] { ("portrait", (72, 128)), ("square", (128, 128)) })
        {
            var shaped = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "A lake", orientation, count = 1, style = "minimalist" });
            Assert.Equal(size, SizeOf(DataUrlBytes(Assert.Single(shaped.GetProperty("images").EnumerateArray()))));
        }
    }

    [Theory]
    [InlineData("""{}""", "'prompt' is required")]
    [InlineData("""{"prompt":"   "}""", "'prompt' is required")]
    [InlineData("""{"prompt":"x","count":0}""", "'count'")]
    [InlineData("""{"prompt":"x","count":5}""", "'count'")]
    [InlineData("""{"prompt":"x","count":"two"}""", "'count'")]
    [InlineData("""{"prompt":"x","orientation":"diagonal"}""", "'orientation' must be one of landscape, portrait, square")]
    [InlineData("""{"prompt":"x","style":"baroque"}""", "'style' must be one of professional, cinematic, minimalist")]
    [InlineData("""{"prompt":"x","gemini_key":5}""", "'gemini_key'")]
    [InlineData("""[1,2]""", "JSON object")]
    public async Task Bad_input_is_a_400_in_the_ocean_shape_naming_the_field(string body, string expected)
    {
        await using var host = Host();
        var key = await host.UserAsync();

        var error = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, body, expected: 400);

        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(expected, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_past_the_length_bound_is_a_400()
    {
        await using var host = Host(factory => factory.With("Tessera:Generation:MaxPromptLength", "50"));
        var key = await host.UserAsync();

        var error = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = new string('a', 51) }, expected: 400);
        var queued = await host.JsonAsync(HttpMethod.Post, QueueApi, key, new { description = new string('a', 51) }, expected: 400);

        Assert.Contains("'prompt' must be at most 50 characters", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("'description' must be at most 50 characters", queued.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_style_is_a_403_that_says_how_to_unlock_it_and_the_others_still_work()
    {
        await using var host = Host(factory => factory.With("Tessera:Generation:LockedStyles:0", "cyberpunk"));
        var key = await host.UserAsync();

        var locked = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "x", style = "Cyberpunk", count = 1 }, expected: 403);
        var batch = await host.JsonAsync(HttpMethod.Post, BatchApi, key, new { descriptions = new[] { "x" }, style = "cyberpunk" }, expected: 403);
        var open = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "x", style = "cinematic", count = 1 });

        Assert.Equal("style_locked", locked.GetProperty("code").GetString());
        Assert.Contains("POST /api/economy/styles/cyberpunk/unlock", locked.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("style_locked", batch.GetProperty("code").GetString());
        Assert.Equal("cinematic", open.GetProperty("style").GetString());
    }

    [Fact]
    public async Task With_no_provider_configured_every_generation_route_answers_503()
    {
        await using var host = Host(factory => factory.With("Tessera:Generation:Order", ""));
        var key = await host.UserAsync();

        foreach (var (path, body) in new (string, object)[]
                 {
                     (GenerateApi, new { prompt = "x" }), (QueueApi, new { description = "x" }), (BatchApi, new { descriptions = new[] { "x", "y" } }),
                 })
        {
            var error = await host.JsonAsync(HttpMethod.Post, path, key, body, expected: 503);
            Assert.Equal("no_provider", error.GetProperty("code").GetString());
            Assert.False(error.GetProperty("success").GetBoolean());
        }
    }

    [Fact]
    public async Task A_key_without_the_generate_scope_is_refused()
    {
        await using var host = Host();
        var key = await host.UserAsync(new { name = "media only", scopes = new[] { "media" } });

        using var response = await host.SendAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "x" });

        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_failing_provider_falls_through_to_the_next_in_the_configured_order()
    {
        var geminiKeys = new List<string?>();
        await using var gemini = await FakeGeminiAsync(geminiKeys, status: 503);
        var openai = await FakeOpenAI.StartAsync();
        await using var _ = openai.Server;
        await using var host = Host(factory => Providers(factory, gemini, openai.Server, "imagen4,dalle3,local"));
        var key = await host.UserAsync();

        var made = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "Mountain at sunset", style = "cinematic" });

        Assert.Equal("dalle3", made.GetProperty("provider").GetString());
        Assert.Equal("DALL-E 3 — Variation 1", made.GetProperty("images")[0].GetProperty("title").GetString());
        Assert.Equal(["AIza-operator"], geminiKeys);
        var (authorization, body) = Assert.Single(openai.Calls);
        Assert.Equal("Bearer sk-operator", authorization);
        Assert.Equal("dall-e-3", (string?)body["model"]);
        Assert.Equal(2, (int?)body["n"]);
        Assert.Equal("1792x1024", (string?)body["size"]); // landscape
        Assert.StartsWith("Mountain at sunset, cinematic", (string?)body["prompt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_provider_that_succeeds_answers_and_the_later_ones_are_not_called()
    {
        var geminiKeys = new List<string?>();
        await using var gemini = await FakeGeminiAsync(geminiKeys);
        var openai = await FakeOpenAI.StartAsync();
        await using var _ = openai.Server;
        await using var host = Host(factory => Providers(factory, gemini, openai.Server, "imagen4,dalle3,local"));
        var key = await host.UserAsync();

        var made = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "A red apple", count = 3, orientation = "portrait" });

        Assert.Equal("imagen4", made.GetProperty("provider").GetString());
        Assert.Equal(3, made.GetProperty("count").GetInt32());
        Assert.Equal("Imagen 4 — Variation 3", made.GetProperty("images")[2].GetProperty("title").GetString());
        Assert.Empty(openai.Calls);
    }

    [Fact]
    public async Task A_flux_style_provider_runs_on_the_replicate_predictions_client()
    {
        JsonObject? sent = null;
        string? authorization = null;
        await using var replicate = await FakeProvider.StartAsync(app => app.MapPost("/v1/models/black-forest-labs/flux-2-pro/predictions", async (HttpRequest request) =>
        {
            authorization = request.Headers.Authorization;
            sent = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var png = "data:image/png;base64," + Convert.ToBase64String(Png(8, 8, green: 3));
            return Results.Json(new { id = "p1", status = "succeeded", output = new[] { png, png }, urls = new { get = "", cancel = "" } }, statusCode: 201);
        }));
        await using var host = Host(factory => factory
            .With("Tessera:Engines:Providers:flux:Kind", "replicate").With("Tessera:Engines:Providers:flux:BaseUrl", replicate.BaseUrl)
            .With("Tessera:Engines:Providers:flux:ApiKey", "r8_operator").With("Tessera:Engines:Providers:flux:Model", "black-forest-labs/flux-2-pro")
            .With("Tessera:Generation:Providers:flux2pro:Engine", "flux").With("Tessera:Generation:Providers:flux2pro:Title", "Flux 2 Pro")
            .With("Tessera:Generation:Order", "flux2pro,local"));
        var key = await host.UserAsync();

        var made = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "A lighthouse", orientation = "square" });

        Assert.Equal("flux2pro", made.GetProperty("provider").GetString());
        Assert.Equal("Flux 2 Pro — Variation 2", made.GetProperty("images")[1].GetProperty("title").GetString());
        Assert.Equal("Bearer r8_operator", authorization);
        Assert.Equal("1:1", (string?)sent!["input"]!["aspect_ratio"]);
        Assert.Equal(2, (int?)sent["input"]!["num_outputs"]);
        Assert.StartsWith("A lighthouse, professional", (string?)sent["input"]!["prompt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_provider_failing_is_a_502_naming_each_ones_reason()
    {
        var geminiKeys = new List<string?>();
        await using var gemini = await FakeGeminiAsync(geminiKeys, status: 500);
        var openai = await FakeOpenAI.StartAsync();
        await using var _ = openai.Server;
        await using var host = Host(factory => Providers(factory, gemini, openai.Server, "imagen4,dalle3"));
        var key = await host.UserAsync();

        var error = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "forbidden fruit" }, expected: 502);

        Assert.Equal("generation_failed", error.GetProperty("code").GetString());
        Assert.Contains("imagen4:", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("dalle3:", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("safety system", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_gemini_provider_runs_only_with_the_callers_gemini_key_which_never_reaches_logs_the_database_or_another_provider()
    {
        var geminiKeys = new List<string?>();
        await using var gemini = await FakeGeminiAsync(geminiKeys);
        var openai = await FakeOpenAI.StartAsync();
        await using var _ = openai.Server;
        var logs = new CapturedLogs();
        await using var host = Host(factory => Providers(factory, gemini, openai.Server, "imagen4,dalle3,local", geminiKey: null)
            .With("Logging:LogLevel:Default", "Trace")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        var key = await host.UserAsync();

        var without = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "A blue car", count = 1 });
        var with = await host.JsonAsync(HttpMethod.Post, GenerateApi, key, new { prompt = "A blue car", count = 1, gemini_key = CallerKey });
        var queued = await host.JsonAsync(HttpMethod.Post, QueueApi, key, new { description = "A blue car", count = 1, gemini_key = CallerKey });
        var job = await PollAsync(host, key, queued.GetProperty("poll_url").GetString()!);

        Assert.Equal("dalle3", without.GetProperty("provider").GetString()); // skipped: no key anywhere
        Assert.Equal("imagen4", with.GetProperty("provider").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("imagen4", job.GetProperty("provider").GetString());
        Assert.Equal([CallerKey, CallerKey], geminiKeys);
        Assert.All(openai.Calls, call => Assert.Equal("Bearer sk-operator", call.Authorization));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains(CallerKey, StringComparison.Ordinal));
        Assert.False(await DatabaseContainsAsync(host.Factory.Database, CallerKey), "the caller's key was written to the database");
    }

    [Fact]
    public async Task Replace_generate_queues_a_job_whose_images_land_in_the_callers_library_and_only_the_caller_can_poll_it()
    {
        await using var host = Host();
        var key = await host.UserAsync();

        var queued = await host.JsonAsync(HttpMethod.Post, QueueApi, key, new { description = "Mountain at sunset", style = "cinematic", count = 2 });
        Assert.True(queued.GetProperty("success").GetBoolean());
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        var jobId = queued.GetProperty("job_id").GetInt64();
        Assert.Equal($"/ocean/api/jobs/{jobId}", queued.GetProperty("poll_url").GetString());

        var job = await PollAsync(host, key, queued.GetProperty("poll_url").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("generate", job.GetProperty("kind").GetString());
        Assert.Equal("local", job.GetProperty("provider").GetString());
        var images = job.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["Local procedural — Variation 1", "Local procedural — Variation 2"], images.Select(image => image.GetProperty("title").GetString()));
        Assert.Equal(2, job.GetProperty("assets").GetProperty("count").GetInt32());
        var mediaId = images[0].GetProperty("media_id").GetInt64();
        var asset = (await host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{mediaId}", key)).GetProperty("media");
        Assert.Equal("generated", asset.GetProperty("group").GetString());
        var file = await host.Client.GetByteArrayAsync(PathOf(images[0].GetProperty("url").GetString()!), Ct);
        Assert.Equal((128, 72), SizeOf(file));

        var stranger = await host.UserAsync();
        using var foreign = await host.SendAsync(HttpMethod.Get, $"/ocean/api/jobs/{jobId}", stranger);
        Assert.Equal(404, (int)foreign.StatusCode);
        using var foreignMedia = await host.SendAsync(HttpMethod.Get, $"{MediaApi}/{mediaId}", stranger);
        Assert.Equal(404, (int)foreignMedia.StatusCode);
    }

    [Fact]
    public async Task Replace_batch_runs_descriptions_in_parallel_and_reports_a_failing_one_on_its_own()
    {
        var openai = await FakeOpenAI.StartAsync(TimeSpan.FromMilliseconds(300));
        await using var _ = openai.Server;
        await using var host = Host(factory => Providers(factory, gemini: null, openai.Server, "dalle3"));
        var key = await host.UserAsync();

        var batch = await host.JsonAsync(HttpMethod.Post, BatchApi, key,
            new { descriptions = new[] { "A red apple on a wooden table", "A forbidden thing", "A blue car driving in the rain" }, style = "photorealistic" });

        Assert.True(batch.GetProperty("success").GetBoolean());
        Assert.Equal(("photorealistic", 3, 2, 1), (batch.GetProperty("style").GetString(), batch.GetProperty("count").GetInt32(),
            batch.GetProperty("succeeded").GetInt32(), batch.GetProperty("failed").GetInt32()));
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([true, false, true], results.Select(result => result.GetProperty("success").GetBoolean()));
        Assert.Equal("A forbidden thing", results[1].GetProperty("description").GetString());
        Assert.Equal("generation_failed", results[1].GetProperty("code").GetString());
        Assert.Contains("safety system", results[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("dalle3", results[0].GetProperty("provider").GetString());
        Assert.Single(results[2].GetProperty("images").EnumerateArray()); // count defaults to 1 per description
        Assert.True(openai.MaxInFlight >= 2, $"descriptions ran one at a time (at most {openai.MaxInFlight} in flight)");
    }

    [Theory]
    [InlineData("""{"descriptions":[]}""", "'descriptions' must be an array of 1 to 10")]
    [InlineData("""{"descriptions":"one"}""", "'descriptions' must be an array of strings")]
    [InlineData("""{"descriptions":["a","b","c","d","e","f","g","h","i","j","k"]}""", "'descriptions' must be an array of 1 to 10")]
    [InlineData("""{"descriptions":["a","b","c"],"count":4}""", "at most 10 images")]
    [InlineData("""{"descriptions":["a",""]}""", "'descriptions[1]' is required")]
    public async Task A_bad_batch_is_a_400_and_generates_nothing(string body, string expected)
    {
        await using var host = Host();
        var key = await host.UserAsync();

        var error = await host.JsonAsync(HttpMethod.Post, BatchApi, key, body, expected: 400);

        Assert.Contains(expected, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generation_routes_are_in_llms_txt_and_openapi_under_the_generation_section_with_their_bodies()
    {
        await using var host = Host();

        var llms = await host.Client.GetStringAsync("/ocean/llms.txt", Ct);
        var paths = JsonDocument.Parse(await host.Client.GetStringAsync("/ocean/openapi.json", Ct)).RootElement.GetProperty("paths");

        foreach (var path in new[] { GenerateApi, QueueApi, BatchApi })
        {
            Assert.Contains(path, llms, StringComparison.Ordinal);
            var operation = paths.GetProperty(path).GetProperty("post");
            Assert.Equal("Generation", operation.GetProperty("tags")[0].GetString());
            Assert.True(operation.TryGetProperty("requestBody", out _), path);
            Assert.Contains("gemini_key", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Whether <paramref name="text"/> is anywhere in the database: every file of the SQLite data directory (the
    /// database, its WAL, blobs), or on PostgreSQL the job rows' text columns.</summary>
    private static async Task<bool> DatabaseContainsAsync(TestDatabase database, string text)
    {
        if (database.ConnectionString is { } connectionString && database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(
                "SELECT COUNT(*) FROM jobs WHERE input::text LIKE @p OR COALESCE(metadata::text, '') LIKE @p OR COALESCE(error_message, '') LIKE @p", connection);
            command.Parameters.AddWithValue("p", "%" + text + "%");
            return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
        }

        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.EnumerateFiles(database.DataDirectory, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
