using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Jobs;

namespace Tessera.Generation;

/// <summary>A queued generation's stored input: what to make, and the reference of a caller's key held in memory (never the key).</summary>
public sealed record GenerateJobInput(
    string Prompt, string Style, string Orientation, int Count, [property: JsonPropertyName("key_ref")] string? KeyRef = null);

/// <summary>A queued generation: its whole-number id and the job.</summary>
public sealed record SubmittedGeneration(long Number, Job Job);

/// <summary>
/// <c>POST /api/replace/generate</c>'s use case: queues a <c>generate</c> job (<see cref="GenerateJobHandler"/>) with a
/// whole-number id; at most <see cref="GenerationOptions.MaxQueuedPerAccount"/> of an account's wait or run at once.
/// </summary>
public sealed class GenerateJobs(JobService jobs, JobNumbers numbers, CallerKeys keys, GenerationProviders providers, IOptions<GenerationOptions> options)
{
    public async Task<Result<SubmittedGeneration>> SubmitAsync(string accountId, string surface, GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (providers.Ordered().Count == 0)
        {
            return ImageGenerator.NoProvider();
        }

        if (await numbers.ActiveAsync(accountId, GenerateJobHandler.JobKind, cancellationToken) >= settings.MaxQueuedPerAccount)
        {
            return new Error("too_many_generations",
                $"At most {settings.MaxQueuedPerAccount} queued generations of one account wait or run at once; poll GET /api/jobs/{{id}} and send the next when one is done.", 429);
        }

        // Every provider may take its whole timeout before the last one answers.
        var deadline = settings.ProviderTimeout * Math.Max(1, providers.Ordered().Count) + TimeSpan.FromMinutes(1);
        var keyRef = request.GeminiKey is { } key ? keys.Keep(key, deadline) : null;
        var input = new GenerateJobInput(request.Prompt, request.Style.Slug, Orientations.NameOf(request.Orientation), request.Count, keyRef);
        var submitted = await jobs.SubmitAsync(
            new JobSubmission(accountId, surface, null, JsonSerializer.SerializeToElement(input), Kind: GenerateJobHandler.JobKind,
                Deadline: deadline, HoldTimeout: deadline + TimeSpan.FromMinutes(1)),
            cancellationToken);
        if (!submitted.IsSuccess)
        {
            keys.Take(keyRef);
            return submitted.Error;
        }

        var number = await numbers.AssignAsync(submitted.Value.Job.Id, accountId, cancellationToken);
        return new SubmittedGeneration(number, submitted.Value.Job);
    }
}
