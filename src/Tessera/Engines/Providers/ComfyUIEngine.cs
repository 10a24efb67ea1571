using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines.Providers;

/// <summary>
/// A client of a ComfyUI server: the model's workflow template is filled (<see cref="ComfyWorkflowTemplate"/>) and queued
/// with <c>POST {BaseUrl}/prompt {prompt, client_id}</c> → <c>{prompt_id, number, node_errors}</c>;
/// <c>GET /history/{prompt_id}</c> is polled until the prompt appears there; its <c>outputs.NODE.images|gifs|videos</c>
/// entries <c>{filename, subfolder, type}</c> are fetched with <c>GET /view</c>. Node errors and execution errors are
/// not transient. An abandoned attempt deletes the prompt from the queue and interrupts it.
/// </summary>
internal sealed class ComfyUIEngine(string name, ProviderEngineOptions options, ProviderClient client, TimeProvider time, ILogger logger)
    : ProviderEngine(name, options, client, time, logger)
{
    private static readonly string[] OutputLists = ["images", "gifs", "videos"];

    // One client id per engine instance: ComfyUI uses it only to address websocket progress messages, which are not read.
    private readonly string _clientId = "tessera-" + Guid.NewGuid().ToString("N");

    protected override async Task<EngineResult> RunAttemptAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var workflow = ComfyWorkflowTemplate.Fill(await TemplateAsync(request.Model, cancellationToken), request, Name);
        var queued = await Client.SendJsonAsync(
            HttpMethod.Post, Client.Url("prompt"), new JsonObject { ["prompt"] = workflow, ["client_id"] = _clientId }, DescribeError, cancellationToken);
        if (DescribeNodeErrors(queued) is { } nodeErrors)
        {
            throw new EngineException("provider_error", $"{Name}: workflow rejected: {nodeErrors}", transient: false);
        }

        var promptId = ProviderInput.String(queued, "prompt_id")
            ?? throw new EngineException("provider_error", $"{Name}: /prompt answered without a prompt_id", transient: false);
        JsonElement entry;
        try
        {
            entry = await WaitForHistoryAsync(promptId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await CancelQuietlyAsync(promptId, token => CancelAsync(promptId, token));
            throw;
        }

        if (ExecutionError(entry) is { } error)
        {
            throw new EngineException("provider_failed", $"{Name}: prompt {promptId} failed: {error}", transient: false);
        }

        var outputs = await DownloadAllAsync(OutputFiles(entry, request.Model), request.Model, cancellationToken);
        return new EngineResult(outputs, new JsonObject { ["provider"] = "comfyui", ["prompt_id"] = promptId });
    }

    private async Task<string> TemplateAsync(ModelDefinition model, CancellationToken cancellationToken)
    {
        if (model.Settings.GetValueOrDefault("workflow") is { Length: > 0 } inline)
        {
            return inline;
        }

        var file = model.Settings.GetValueOrDefault("workflowFile") is { Length: > 0 } modelFile ? modelFile : Options.WorkflowFile;
        if (file.Length > 0)
        {
            try
            {
                return await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (IOException e)
            {
                throw new EngineException("provider_error", $"{Name}: cannot read workflow file {file}: {e.Message}", transient: false, e);
            }
        }

        return Options.Workflow.Length > 0
            ? Options.Workflow
            : throw new EngineException("provider_error", $"{Name}: model '{model.Id}' has no workflow (Settings:workflow or workflowFile, or the engine's Workflow option)", transient: false);
    }

    private async Task<JsonElement> WaitForHistoryAsync(string promptId, CancellationToken cancellationToken)
    {
        var url = Client.Url($"history/{Uri.EscapeDataString(promptId)}");
        while (true)
        {
            var history = await Client.SendJsonAsync(HttpMethod.Get, url, null, DescribeError, cancellationToken);
            if (history.ValueKind == JsonValueKind.Object && history.TryGetProperty(promptId, out var entry) && IsFinished(entry))
            {
                return entry;
            }

            await Task.Delay(Options.PollInterval, Time, cancellationToken);
        }
    }

    // An entry appears once execution ended; "completed": false with no error means ComfyUI is still writing it.
    private static bool IsFinished(JsonElement entry) =>
        !entry.TryGetProperty("status", out var status)
        || status.ValueKind != JsonValueKind.Object
        || (status.TryGetProperty("completed", out var completed) && completed.ValueKind == JsonValueKind.True)
        || ProviderInput.String(status, "status_str") == "error";

    private IEnumerable<Uri> OutputFiles(JsonElement entry, ModelDefinition model)
    {
        if (!entry.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var onlyNode = model.Settings.GetValueOrDefault("outputNode");
        var files = new List<(string Type, Uri Url)>();
        foreach (var node in outputs.EnumerateObject().Where(node => string.IsNullOrEmpty(onlyNode) || node.Name == onlyNode))
        {
            foreach (var list in OutputLists)
            {
                if (!node.Value.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var item in items.EnumerateArray())
                {
                    var type = ProviderInput.String(item, "type") ?? "output";
                    var query = $"view?filename={Uri.EscapeDataString(ProviderInput.String(item, "filename") ?? "")}"
                        + $"&subfolder={Uri.EscapeDataString(ProviderInput.String(item, "subfolder") ?? "")}&type={Uri.EscapeDataString(type)}";
                    files.Add((type, Client.Url(query)));
                }
            }
        }

        // Preview nodes write "temp" files next to the saved "output" ones; the saved ones are the result.
        var saved = files.Where(file => file.Type == "output").ToList();
        return (saved.Count > 0 ? saved : files).Select(file => file.Url);
    }

    private async Task CancelAsync(string promptId, CancellationToken cancellationToken)
    {
        await Client.SendJsonAsync(HttpMethod.Post, Client.Url("queue"), new JsonObject { ["delete"] = new JsonArray(promptId) }, null, cancellationToken);
        await Client.SendJsonAsync(HttpMethod.Post, Client.Url("interrupt"), new JsonObject { ["prompt_id"] = promptId }, null, cancellationToken);
    }

    private static string? ExecutionError(JsonElement entry)
    {
        if (!entry.TryGetProperty("status", out var status) || ProviderInput.String(status, "status_str") != "error")
        {
            return null;
        }

        // messages: [["execution_start", {...}], ["execution_error", {node_id, node_type, exception_message, ...}]]
        if (status.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Array && message.GetArrayLength() == 2 && message[0].ValueKind == JsonValueKind.String
                    && message[0].GetString() == "execution_error")
                {
                    var details = message[1];
                    return $"node {ProviderInput.String(details, "node_id")} ({ProviderInput.String(details, "node_type")}): {ProviderInput.String(details, "exception_message")?.Trim()}";
                }
            }
        }

        return "execution error";
    }

    /// <summary>A 400 from /prompt: <c>{error:{type, message, details}, node_errors:{id:{class_type, errors:[{message, details}]}}}</c>.</summary>
    private static string? DescribeError(JsonElement root)
    {
        var message = ProviderErrors.CommonMessage(root);
        var nodes = DescribeNodeErrors(root);
        return nodes is null ? message : $"{message}: {nodes}";
    }

    private static string? DescribeNodeErrors(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("node_errors", out var nodeErrors)
            || nodeErrors.ValueKind != JsonValueKind.Object || !nodeErrors.EnumerateObject().Any())
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var node in nodeErrors.EnumerateObject())
        {
            var classType = ProviderInput.String(node.Value, "class_type");
            if (node.Value.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(errors.EnumerateArray().Select(error =>
                    $"node {node.Name} ({classType}): {ProviderInput.String(error, "message")} {ProviderInput.String(error, "details")}".TrimEnd()));
            }
        }

        return parts.Count > 0 ? string.Join("; ", parts) : "node errors";
    }
}
