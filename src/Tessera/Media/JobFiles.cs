using System.Text.Json.Nodes;
using Tessera.Common;
using Tessera.Jobs;

namespace Tessera.Media;

/// <summary>One file of a job: the library asset and the name it has within the job (unique, as in the job's ZIP).</summary>
public sealed record JobFile(string Name, MediaAsset Asset);

/// <summary>A job and the files it stored in its owner's library, in the order they were stored.</summary>
public sealed record JobFileSet(Job Job, long Number, IReadOnlyList<JobFile> Files)
{
    /// <summary>Whether the job has stopped (succeeded, failed or cancelled): only then is its ZIP whole.</summary>
    public bool Finished => Job.Status is not (JobStatus.Queued or JobStatus.Running);

    public JobFile? Named(string name) => Files.FirstOrDefault(file => string.Equals(file.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// The files a job made (seed: <c>/download/{job_id}</c>, <c>/files/{job_id}/{filename}</c>): the library assets its
/// metadata lists in <c>asset_ids</c> that are still there (trashed ones leave the job too), each under a name unique
/// within the job — the same names the job's ZIP uses, so a file's URL and its ZIP entry agree. Another account's job,
/// or one with no number, is not found.
/// </summary>
public sealed class JobFiles(JobNumbers numbers, JobService jobs, MediaStore media)
{
    /// <summary>The files of the account's job number <paramref name="number"/>.</summary>
    public async Task<Result<JobFileSet>> OpenAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        if (await numbers.FindAsync(accountId, number, cancellationToken) is not { } jobId)
        {
            return NotFound(number);
        }

        var found = await jobs.GetAsync(accountId, jobId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error.Status == 404 ? NotFound(number)
                : found.Error with { Message = found.Error.Message.Replace(jobId, number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) };
        }

        var ids = AssetIdsOf(found.Value.Metadata);
        var assets = (await media.GetManyAsync(accountId, ids, cancellationToken)).Where(asset => !asset.Trashed).OrderBy(asset => asset.Id);
        return new JobFileSet(found.Value, number, Name(assets));
    }

    /// <summary>The files of job <paramref name="number"/> whoever owns it: for a link whose signature was checked.</summary>
    public async Task<Result<JobFileSet>> OpenSignedAsync(long number, CancellationToken cancellationToken) =>
        await numbers.OwnerAsync(number, cancellationToken) is { } owner
            ? await OpenAsync(owner.AccountId, number, cancellationToken)
            : NotFound(number);

    /// <summary>Names <paramref name="assets"/> as the ZIP does: the asset's file name, with <c>-2</c>, <c>-3</c>... when taken.</summary>
    public static IReadOnlyList<JobFile> Name(IEnumerable<MediaAsset> assets)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. assets.Select(asset => new JobFile(MediaArchive.UniqueName(taken, asset.FileName), asset))];
    }

    /// <summary>The asset ids a job kind recorded (<c>asset_ids</c> in its metadata).</summary>
    public static List<long> AssetIdsOf(JsonObject? metadata) =>
        metadata?["asset_ids"] is JsonArray array ? [.. array.Select(item => item?.GetValue<long>() ?? 0).Where(value => value > 0)] : [];

    private static Error NotFound(long number) => Error.NotFound($"Job {number} not found.");
}
