using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Jobs;

namespace Tessera.Editing;

/// <summary>
/// Runs <c>batch_edit</c> jobs (<see cref="EditBatches"/>): the job's edit over each of its media ids in turn, each result
/// stored in the owner's library. One image failing (deleted meanwhile, a crop outside it) is reported in the job's
/// <c>failures</c> and the rest go on; the job completes with <c>asset_ids</c> (what it made) and <c>failures</c> in its
/// metadata, the convention the Ocean job route reads for every kind. An attempt repeated after a crash renders the
/// images again (a second copy of each may then be in the library).
/// </summary>
public sealed class BatchEditHandler(LiveEditor editor, EditParser parser, ILogger<BatchEditHandler> logger) : IJobHandler
{
    public const string KindName = "batch_edit";

    public string Kind => KindName;

    public async Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parsed = job.Input.TryGetProperty("edit", out var editJson) ? parser.Parse(editJson, template: true) : Common.Error.Validation("The job has no edit.");
        if (!parsed.IsSuccess)
        {
            throw new JobFailure("invalid_edit", parsed.Error.Message, transient: false);
        }

        var made = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in job.Input.GetProperty("media_ids").EnumerateArray().Select(item => item.GetInt64()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rendered = await editor.RenderAsync(job.AccountId, parsed.Value with { BaseMediaId = id }, cancellationToken);
            if (rendered.IsSuccess)
            {
                made.Add(rendered.Value.Id);
            }
            else
            {
                Log.BatchItemFailed(logger, job.Id, id, rendered.Error.Message);
                failures.Add(new JsonObject { ["media_id"] = id, ["error"] = rendered.Error.Message, ["code"] = rendered.Error.Code });
            }
        }

        Log.BatchDone(logger, job.Id, made.Count, failures.Count);
        return new JobResult([], new JsonObject
        {
            ["template_id"] = job.Input.TryGetProperty("template_id", out var template) && template.ValueKind == JsonValueKind.Number ? template.GetInt64() : null,
            ["asset_ids"] = made,
            ["failures"] = failures,
        });
    }
}
