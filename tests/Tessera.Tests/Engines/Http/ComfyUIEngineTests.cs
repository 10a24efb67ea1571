using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tessera.Engines;
using static Tessera.Tests.Engines.Http.ProviderTestKit;

namespace Tessera.Tests.Engines.Http;

public sealed class ComfyUIEngineTests
{
    private const string Workflow = """
        {
          "3": { "class_type": "KSampler", "inputs": { "seed": "{{seed}}", "steps": "{{steps|20}}", "cfg": 7, "model": ["4", 0] } },
          "5": { "class_type": "EmptyLatentImage", "inputs": { "width": "{{width}}", "height": "{{height}}", "batch_size": "{{num_outputs}}" } },
          "6": { "class_type": "CLIPTextEncode", "inputs": { "text": "pixel art, {{prompt}}, 16 colours" } },
          "7": { "class_type": "CLIPTextEncode", "inputs": { "text": "{{negative_prompt|blurry}}" } },
          "9": { "class_type": "SaveImage", "inputs": { "filename_prefix": "tessera", "images": ["8", 0] } }
        }
        """;

    private static readonly Dictionary<string, string> WithWorkflow = new() { ["workflow"] = Workflow };

    /// <summary>
    /// A fake ComfyUI: the history is empty for <paramref name="pollsBeforeDone"/> polls, then holds <paramref name="entry"/>
    /// (default: a SaveImage output and a preview); /view serves <paramref name="file"/>.
    /// </summary>
    private static Action<WebApplication> Comfy(int pollsBeforeDone, object? entry = null, byte[]? file = null, Action<JsonObject>? onPrompt = null)
    {
        var polls = 0;
        entry ??= new
        {
            outputs = new Dictionary<string, object>
            {
                ["9"] = new { images = new[] { new { filename = "tessera_00001_.png", subfolder = "", type = "output" } } },
                ["12"] = new { images = new[] { new { filename = "preview.png", subfolder = "", type = "temp" } } },
            },
            status = new { status_str = "success", completed = true, messages = Array.Empty<object>() },
        };
        return app =>
        {
            app.MapPost("/prompt", async (HttpRequest request) =>
            {
                onPrompt?.Invoke((await JsonNode.ParseAsync(request.Body))!.AsObject());
                return Results.Json(new { prompt_id = "c0ffee", number = 1, node_errors = new { } });
            });
            app.MapGet("/history/{id}", (string id) => Interlocked.Increment(ref polls) > pollsBeforeDone
                ? Results.Json(new Dictionary<string, object> { [id] = entry })
                : Results.Json(new { }));
            app.MapGet("/view", () => Results.Bytes(file ?? Png, "image/png"));
            app.MapPost("/queue", () => Results.Json(new { }));
            app.MapPost("/interrupt", () => Results.Json(new { }));
        };
    }

    [Fact]
    public async Task Placeholders_are_filled_with_typed_values_and_reach_the_server()
    {
        JsonObject? posted = null;
        await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: 2, onPrompt: body => posted = body));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var result = await engine.RunAsync(Request("""{"prompt":"a red fox","seed":1234,"aspect_ratio":"16:9","num_outputs":2}""", WithWorkflow), Ct);

        var prompt = posted!["prompt"]!;
        Assert.StartsWith("tessera-", (string?)posted["client_id"], StringComparison.Ordinal);
        Assert.Equal(1234, (int)prompt["3"]!["inputs"]!["seed"]!);
        Assert.Equal(20, (int)prompt["3"]!["inputs"]!["steps"]!);
        Assert.Equal((1344, 768), ((int)prompt["5"]!["inputs"]!["width"]!, (int)prompt["5"]!["inputs"]!["height"]!));
        Assert.Equal(2, (int)prompt["5"]!["inputs"]!["batch_size"]!);
        Assert.Equal("pixel art, a red fox, 16 colours", (string?)prompt["6"]!["inputs"]!["text"]);
        Assert.Equal("blurry", (string?)prompt["7"]!["inputs"]!["text"]);
        Assert.Equal("4", (string?)prompt["3"]!["inputs"]!["model"]![0]);

        Assert.Equal(3, fake.Count("GET /history/c0ffee"));
        Assert.Equal("image/png", Assert.Single(result.Outputs).ContentType);
        Assert.Equal(1, fake.Count("GET /view?filename=tessera_00001_.png&subfolder=&type=output"));
        Assert.Equal("c0ffee", (string?)result.Metadata!["prompt_id"]);
    }

    [Fact]
    public async Task A_workflow_file_from_the_engine_options_is_used_when_the_model_names_none()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Workflow, Ct);
        try
        {
            JsonObject? posted = null;
            await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: 0, onPrompt: body => posted = body));
            var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl, ("WorkflowFile", file));
            await using var _ = host;

            await engine.RunAsync(Request("""{"prompt":"owl","negative_prompt":"text"}"""), Ct);

            Assert.Equal("text", (string?)posted!["prompt"]!["7"]!["inputs"]!["text"]);
            Assert.Equal((1024, 1024), ((int)posted["prompt"]!["5"]!["inputs"]!["width"]!, (int)posted["prompt"]!["5"]!["inputs"]!["height"]!));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Node_errors_fail_for_good_with_the_nodes_message()
    {
        await using var fake = await FakeProvider.StartAsync(app => app.MapPost("/prompt", () => Results.Json(new
        {
            error = new { type = "prompt_outputs_failed_validation", message = "Prompt outputs failed validation", details = "" },
            node_errors = new Dictionary<string, object>
            {
                ["3"] = new { class_type = "KSampler", errors = new[] { new { type = "value_smaller_than_min", message = "Value 0 smaller than min of 1", details = "steps: 0 < 1" } } },
            },
        }, statusCode: 400)));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct));

        Assert.Equal(("provider_error", false), (failure.Code, failure.Transient));
        Assert.Contains("node 3 (KSampler): Value 0 smaller than min of 1 steps: 0 < 1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_execution_error_fails_for_good()
    {
        var entry = new
        {
            outputs = new { },
            status = new
            {
                status_str = "error",
                completed = false,
                messages = new object[]
                {
                    new object[] { "execution_start", new { prompt_id = "c0ffee" } },
                    new object[] { "execution_error", new { node_id = "3", node_type = "KSampler", exception_message = "Allocation on device failed\n" } },
                },
            },
        };
        await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: 1, entry: entry));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct));

        Assert.Equal(("provider_failed", false), (failure.Code, failure.Transient));
        Assert.Contains("node 3 (KSampler): Allocation on device failed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_is_transient_and_the_next_attempt_succeeds()
    {
        var calls = 0;
        var comfy = Comfy(pollsBeforeDone: 0);
        await using var fake = await FakeProvider.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == "/prompt" && Interlocked.Increment(ref calls) == 1)
                {
                    context.Response.StatusCode = 503;
                    return;
                }

                await next(context);
            });
            comfy(app);
        });
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct));
        var result = await engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct);

        Assert.Equal(("provider_unavailable", true), (failure.Code, failure.Transient));
        Assert.Single(result.Outputs);
    }

    [Fact]
    public async Task A_prompt_past_the_engine_timeout_is_removed_from_the_queue_and_fails_as_transient_provider_timeout()
    {
        await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: int.MaxValue));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl, ("Timeout", "00:00:01.500"));
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct));

        Assert.Equal(("provider_timeout", true), (failure.Code, failure.Transient));
        Assert.Equal((1, 1), (fake.Count("POST /queue"), fake.Count("POST /interrupt")));
    }

    [Fact]
    public async Task Output_bytes_that_are_no_image_fail_for_good_as_bad_output()
    {
        await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: 0, file: Html));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(Request("""{"prompt":"x"}""", WithWorkflow), Ct));

        Assert.Equal(("bad_output", false), (failure.Code, failure.Transient));
    }

    [Fact]
    public async Task A_placeholder_without_a_value_or_default_fails_for_good_before_anything_is_sent()
    {
        await using var fake = await FakeProvider.StartAsync(Comfy(pollsBeforeDone: 0));
        var (host, engine) = await EngineAsync("comfyui", fake.BaseUrl);
        await using var _ = host;

        var failure = await Assert.ThrowsAsync<EngineException>(() => engine.RunAsync(
            Request("""{"prompt":"x"}""", new() { ["workflow"] = """{"1":{"inputs":{"lora":"{{lora_name}}"}}}""" }), Ct));

        Assert.Equal(("provider_error", false), (failure.Code, failure.Transient));
        Assert.Contains("{{lora_name}}", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Count("POST /prompt"));
    }
}
