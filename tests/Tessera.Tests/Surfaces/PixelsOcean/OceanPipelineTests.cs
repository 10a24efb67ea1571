using System.Text.Json;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanPipelineTests : IAsyncLifetime
{
    private const string PipelineApi = "/ocean/api/pipeline";

    private readonly OceanHost _host = Start(factory => factory
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Scraping:PerHostDelay", "00:00:00.010")
        .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.010")
        .With("Tessera:Pipelines:MaxConcurrentPerAccount", "1"));

    private LocalReceiver _site = null!;

    public async ValueTask InitializeAsync() =>
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            if (request.PathAndQuery == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            (int Status, byte[] Body) answer = request.PathAndQuery switch
            {
                "/" => (200, "<html><body><img src='/sky.png'><img src='/sea.png'></body></html>"u8.ToArray()),
                "/sky.png" => (200, Png(red: 40)),
                "/sea.png" => (200, Png(red: 80)),
                _ => (404, "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<long> UploadAsync(string key, byte red, string name, params string[] tags) =>
        (await _host.UploadAsync(key, Png(red: red), name, ("tags", JsonSerializer.Serialize(tags)))).GetProperty("media_id").GetInt64();

    [Fact]
    public async Task Steps_run_in_order_and_take_earlier_outputs_through_references()
    {
        var key = await _host.UserAsync();
        var sky = await UploadAsync(key, 1, "sky.png", "sky", "blue");
        await UploadAsync(key, 2, "sea.png", "sea", "blue");
        await UploadAsync(key, 3, "tree.png", "tree");

        var answer = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new
        {
            steps = new object[]
            {
                new { name = "blue", action = "search", @params = new { tag = "blue", limit = 10 } },
                new { name = "skies", action = "filter", @params = new { items = "$blue.images", field = "tags", op = "contains", value = "sky" } },
                new { name = "first", action = "filter", @params = new { items = "$blue.images", field = "id", op = "equals", value = "$skies.items[0].id" } },
                new { name = "names", action = "filter", @params = new { items = "$blue.images.filename", op = "contains", value = "$$ea" } },
            },
        });

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        var pipeline = answer.GetProperty("pipeline");
        Assert.Equal(4, pipeline.GetProperty("steps_total").GetInt32());
        Assert.Equal(4, pipeline.GetProperty("steps_ok").GetInt32());
        Assert.Equal(0, pipeline.GetProperty("steps_failed").GetInt32());
        Assert.True(pipeline.GetProperty("elapsed").GetDouble() >= 0);
        var steps = pipeline.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["blue", "skies", "first", "names"], steps.Select(step => step.GetProperty("name").GetString()));
        Assert.All(steps, step => Assert.Equal("ok", step.GetProperty("status").GetString()));
        Assert.Equal(2, steps[0].GetProperty("output").GetProperty("count").GetInt32());
        Assert.Equal(sky, steps[1].GetProperty("output").GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(sky, steps[2].GetProperty("output").GetProperty("items")[0].GetProperty("id").GetInt64());
        // "$$ea" is the literal "$ea": no file name contains it.
        Assert.Equal(0, steps[3].GetProperty("output").GetProperty("count").GetInt32());
        Assert.Equal(steps[3].GetProperty("output").ToString(), pipeline.GetProperty("result").ToString());
    }

    [Fact]
    public async Task A_scrape_step_stores_the_site_s_files_and_passes_them_on()
    {
        var key = await _host.UserAsync();
        var answer = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new
        {
            steps = new object[]
            {
                new { name = "scrape", action = "scrape", @params = new { url = _site.Url.AbsoluteUri, max_files = 5 } },
                new { name = "sky", action = "filter", @params = new { items = "$scrape.files", field = "source_url", value = "sky" } },
            },
        });

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        var scrape = answer.GetProperty("pipeline").GetProperty("steps")[0].GetProperty("output");
        Assert.Equal(2, scrape.GetProperty("count").GetInt32());
        var result = answer.GetProperty("pipeline").GetProperty("result");
        Assert.Equal(1, result.GetProperty("count").GetInt32());
        var file = await _host.Client.GetByteArrayAsync(PathOf(result.GetProperty("urls")[0].GetString()!), Ct);
        Assert.Equal(Png(red: 40), file);
        var stored = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{scrape.GetProperty("media_ids")[0].GetInt64()}", key);
        Assert.Equal("127.0.0.1", stored.GetProperty("media").GetProperty("group").GetString());
    }

    [Theory]
    [InlineData("""{}""", "'steps' is required")]
    [InlineData("", "The body must be a JSON object")]
    [InlineData("""{"steps":[]}""", "'steps' is required")]
    [InlineData("""{"steps":[{"name":"a","action":"search"}],"stop_on_error":"no"}""", "'stop_on_error'")]
    [InlineData("""{"steps":[{"name":"a b","action":"search"}]}""", "steps[0]: 'name'")]
    [InlineData("""{"steps":[{"name":"a","action":"paint"}]}""", "Step 'a': 'action' must be one of analyze, filter, generate, ocr, replace, scrape, search")]
    [InlineData("""{"steps":[{"name":"a","action":"search"},{"name":"a","action":"search"}]}""", "Step 'a': the name is used")]
    [InlineData("""{"steps":[{"name":"a","action":"search","params":{"size":3}}]}""", "Step 'a': unknown param 'size'")]
    [InlineData("""{"steps":[{"name":"a","action":"search","params":{"limit":51}}]}""", "Step 'a', param 'limit' must be between 1 and 50")]
    [InlineData("""{"steps":[{"name":"a","action":"search","params":{"limit":"ten"}}]}""", "Step 'a', param 'limit' must be a whole number")]
    [InlineData("""{"steps":[{"name":"a","action":"search","params":{"type":"sound"}}]}""", "Step 'a', param 'type' must be one of image, video, document")]
    [InlineData("""{"steps":[{"name":"a","action":"filter","params":{}}]}""", "Step 'a', param 'items' is required")]
    [InlineData("""{"steps":[{"name":"a","action":"filter","params":{"items":"$b.items"}},{"name":"b","action":"search"}]}""", "Step 'a', param 'items': $b.items refers to 'b', which is not an earlier step")]
    [InlineData("""{"steps":[{"name":"a","action":"filter","params":{"items":"$a.items"}}]}""", "refers to the step itself")]
    [InlineData("""{"steps":[{"name":"a","action":"search"},{"name":"b","action":"filter","params":{"items":"$a.pictures"}}]}""", "Step 'b', param 'items': $a.pictures: the search action has no output 'pictures'")]
    [InlineData("""{"steps":[{"name":"a","action":"search"},{"name":"b","action":"filter","params":{"items":"$a"}}]}""", "Step 'b', param 'items': '$a' is not a reference")]
    [InlineData("""{"steps":[{"name":"a","action":"scrape","params":{"url":"ftp://x"}}]}""", "Step 'a', param 'url' must be an absolute http(s) URL")]
    [InlineData("""{"steps":[{"name":"a","action":"search","params":{"limit":1,"limit":2}}]}""", "names a property twice")]
    public async Task A_bad_pipeline_is_a_400_naming_the_step_and_field_before_anything_runs(string body, string message)
    {
        var key = await _host.UserAsync();
        var error = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, body, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_ten_steps_is_a_400()
    {
        var key = await _host.UserAsync();
        var steps = Enumerable.Range(0, 11).Select(i => new { name = $"s{i}", action = "search" }).ToArray();
        var error = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps }, expected: 400);
        Assert.Contains("at most 10 steps", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_step_skips_the_rest_unless_stop_on_error_is_false_and_then_only_its_dependents_fail()
    {
        var key = await _host.UserAsync();
        object[] steps =
        [
            new { name = "all", action = "search" },
            new { name = "broken", action = "filter", @params = new { items = "$all.images", op = "gt" } },
            new { name = "after", action = "search", @params = new { limit = 1 } },
            new { name = "dependent", action = "filter", @params = new { items = "$broken.items" } },
        ];

        var stopped = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps });
        Assert.False(stopped.GetProperty("success").GetBoolean());
        Assert.Contains("Step 'broken' failed: Param 'value' is required for op 'gt'", stopped.GetProperty("error").GetString(), StringComparison.Ordinal);
        var report = stopped.GetProperty("pipeline");
        Assert.Equal(["ok", "error", "skipped", "skipped"], report.GetProperty("steps").EnumerateArray().Select(step => step.GetProperty("status").GetString()));
        Assert.Equal(1, report.GetProperty("steps_ok").GetInt32());
        Assert.Equal(1, report.GetProperty("steps_failed").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("result").ValueKind);

        var goOn = await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps, stop_on_error = false });
        var statuses = goOn.GetProperty("pipeline").GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["ok", "error", "ok", "error"], statuses.Select(step => step.GetProperty("status").GetString()));
        Assert.Contains("step 'broken' failed", statuses[3].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_action_needs_its_own_scope_and_search_sees_only_the_callers_library()
    {
        var owner = await _host.UserAsync();
        await UploadAsync(owner, 5, "mine.png", "secret");
        var limited = await _host.UserAsync(new { name = "limited", scopes = new[] { "pipelines", "search" } });
        var refused = await _host.JsonAsync(HttpMethod.Post, PipelineApi, limited,
            new { steps = new object[] { new { name = "s", action = "scrape", @params = new { url = "https://example.com/" } } } }, expected: 403);
        Assert.Contains("Step 's': the scrape action needs the key's 'scrape' scope", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        var theirs = await _host.JsonAsync(HttpMethod.Post, PipelineApi, limited,
            new { steps = new object[] { new { name = "s", action = "search", @params = new { tag = "secret" } } } });
        Assert.Equal(0, theirs.GetProperty("pipeline").GetProperty("result").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_actions_list_is_the_schema_the_checks_use()
    {
        var key = await _host.UserAsync();
        var answer = await _host.JsonAsync(HttpMethod.Get, PipelineApi + "/actions", key);
        var actions = answer.GetProperty("actions").EnumerateArray().ToDictionary(action => action.GetProperty("name").GetString()!);
        Assert.Equal(["analyze", "filter", "generate", "ocr", "replace", "scrape", "search"], actions.Keys);
        var limit = actions["search"].GetProperty("params").EnumerateArray().Single(param => param.GetProperty("name").GetString() == "limit");
        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal(10, limit.GetProperty("default").GetInt32());
        Assert.Equal(50, limit.GetProperty("maximum").GetInt32());
        Assert.Equal("scrape", actions["scrape"].GetProperty("scope").GetString());
        Assert.Contains(actions["scrape"].GetProperty("outputs").EnumerateArray(), output => output.GetProperty("name").GetString() == "urls");

        // The bound it lists is the bound a pipeline meets.
        var maximum = limit.GetProperty("maximum").GetInt32();
        await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps = new object[] { new { name = "a", action = "search", @params = new { limit = maximum } } } });
        await _host.JsonAsync(HttpMethod.Post, PipelineApi, key, new { steps = new object[] { new { name = "a", action = "search", @params = new { limit = maximum + 1 } } } }, expected: 400);

        using var anonymous = await _host.SendAsync(HttpMethod.Get, PipelineApi + "/actions", key: null);
        Assert.Equal(401, (int)anonymous.StatusCode);
    }

    [Fact]
    public async Task One_more_pipeline_than_an_account_may_run_at_once_is_a_429()
    {
        var key = await _host.UserAsync();
        var slow = _host.SendAsync(HttpMethod.Post, PipelineApi, key,
            new { steps = new object[] { new { name = "s", action = "scrape", @params = new { url = new Uri(_site.Url, "/slow").AbsoluteUri } } } });
        var busy = false;
        for (var i = 0; i < 100 && !busy; i++)
        {
            await Task.Delay(50, Ct);
            using var second = await _host.SendAsync(HttpMethod.Post, PipelineApi, key, new { steps = new object[] { new { name = "a", action = "search" } } });
            busy = (int)second.StatusCode == 429;
            if (busy)
            {
                Assert.Contains("pipelines at once", (await second.ReadJsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.True(busy);
        Assert.False(slow.IsCompleted);
        var other = await _host.UserAsync();
        await _host.JsonAsync(HttpMethod.Post, PipelineApi, other, new { steps = new object[] { new { name = "a", action = "search" } } });
    }
}
