using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Jobs;

namespace Tessera.Editing;

/// <summary>A queued batch: the job and its whole-number id.</summary>
public sealed record SubmittedBatch(long Number, Job Job);

/// <summary>
/// <c>POST /api/live-editor/batch</c>'s use case: a template applied to up to <see cref="EditingOptions.MaxBatchIds"/> of the
/// caller's images as one <c>batch_edit</c> job on the Jobs queue (<see cref="BatchEditHandler"/> runs it). The template's
/// edit is copied into the job, so changing or deleting the template later does not change a batch already queued.
/// All ids must be the caller's images, else nothing is queued (404 naming the first that is not).
/// </summary>
public sealed class EditBatches(EditTemplates templates, EditParser parser, LiveEditor editor, JobService jobs, JobNumbers numbers, IOptions<EditingOptions> options)
{
    public static Error TooManyBatches(int limit) =>
        new("too_many_batches", $"At most {limit} batch jobs of one account wait or run at once; poll GET /api/jobs/{{id}} and send the next when one is done.", 429);

    public async Task<Result<SubmittedBatch>> SubmitAsync(string accountId, string surface, long templateId, IReadOnlyList<long> mediaIds, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var ids = mediaIds.Distinct().ToList();
        if (ids.Count == 0 || mediaIds.Count > limits.MaxBatchIds)
        {
            return Error.Validation($"'media_ids' must hold 1 to {limits.MaxBatchIds} media ids.");
        }

        if (await templates.GetAsync(accountId, templateId, cancellationToken) is not { } template)
        {
            return EditTemplates.NotFound(templateId);
        }

        using var saved = JsonDocument.Parse(template.Edit);
        var edit = parser.Parse(saved.RootElement, template: true);
        if (!edit.IsSuccess)
        {
            return Error.Validation($"Template {templateId} no longer applies here: {edit.Error.Message}");
        }

        var images = await editor.ImagesAsync(accountId, ids, cancellationToken);
        if (!images.IsSuccess)
        {
            return images.Error;
        }

        if (await numbers.ActiveAsync(accountId, BatchEditHandler.KindName, cancellationToken) >= limits.MaxActiveBatchesPerAccount)
        {
            return TooManyBatches(limits.MaxActiveBatchesPerAccount);
        }

        var input = new JsonObject
        {
            ["template_id"] = templateId,
            ["media_ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]),
            ["edit"] = JsonNode.Parse(template.Edit),
        };
        using var inputDocument = JsonDocument.Parse(input.ToJsonString());
        var submitted = await jobs.SubmitAsync(
            new JobSubmission(accountId, surface, null, inputDocument.RootElement.Clone(), Kind: BatchEditHandler.KindName, Deadline: limits.BatchDeadline,
                HoldTimeout: limits.BatchDeadline + TimeSpan.FromMinutes(1)),
            cancellationToken);
        if (!submitted.IsSuccess)
        {
            return submitted.Error;
        }

        var number = await numbers.AssignAsync(submitted.Value.Job.Id, accountId, cancellationToken);
        return new SubmittedBatch(number, submitted.Value.Job);
    }
}
