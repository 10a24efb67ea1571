using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Generation;

/// <summary>One description of a batch: its images, or why it failed.</summary>
public sealed record BatchItem(int Index, string Description, GenerationOutcome? Outcome, Error? Error);

/// <summary>
/// <c>/api/replace/batch</c>'s work: each description is generated like <c>/api/generate</c> (same style, orientation and
/// count), <see cref="GenerationOptions.BatchParallelism"/> at a time; a description that fails is reported in its own item
/// and the others go on.
/// </summary>
public sealed class BatchGeneration(ImageGenerator generator, GenerationRequests requests, IOptions<GenerationOptions> options, ILogger<BatchGeneration> logger)
{
    /// <summary>Checks the descriptions: 1 to <see cref="GenerationOptions.MaxBatchDescriptions"/>, each a valid prompt, and at
    /// most <see cref="GenerationOptions.MaxBatchImages"/> images in all.</summary>
    public Result<IReadOnlyList<string>> Descriptions(IReadOnlyList<string?>? descriptions, int count)
    {
        var settings = options.Value;
        if (descriptions is not { Count: > 0 } || descriptions.Count > settings.MaxBatchDescriptions)
        {
            return Error.Validation($"'descriptions' must be an array of 1 to {settings.MaxBatchDescriptions} descriptions.");
        }

        if (descriptions.Count * count > settings.MaxBatchImages)
        {
            return Error.Validation($"A batch makes at most {settings.MaxBatchImages} images: {descriptions.Count} descriptions × count {count} is too many.");
        }

        var checkedDescriptions = new List<string>(descriptions.Count);
        for (var i = 0; i < descriptions.Count; i++)
        {
            var prompt = requests.Prompt(descriptions[i], $"descriptions[{i}]");
            if (!prompt.IsSuccess)
            {
                return prompt.Error;
            }

            checkedDescriptions.Add(prompt.Value);
        }

        return checkedDescriptions;
    }

    public async Task<Result<IReadOnlyList<BatchItem>>> RunAsync(IReadOnlyList<string> descriptions, GenerationRequest common, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        ArgumentNullException.ThrowIfNull(common);
        var items = new BatchItem[descriptions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, descriptions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var made = await generator.GenerateAsync(common with { Prompt = descriptions[i] }, token);
                items[i] = made.IsSuccess ? new BatchItem(i, descriptions[i], made.Value, null) : new BatchItem(i, descriptions[i], null, made.Error);
            });
        var failed = items.Count(item => item.Error is not null);
        Log.BatchDone(logger, items.Length, failed);

        // Nothing made at all: the batch answers as one failure (the first description's reason), not as a success.
        return failed == items.Length ? items[0].Error! : Result<IReadOnlyList<BatchItem>>.Ok(items);
    }
}
