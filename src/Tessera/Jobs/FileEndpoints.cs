using Microsoft.Net.Http.Headers;
using Tessera.Common;
using Tessera.Http;
using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// <c>GET /files/{jobId}/{index}?exp=&amp;sig=</c>: Tessera's own download route for job outputs (outside every surface; the
/// signature is the credential). Bad signature → 403 <c>invalid_signature</c>; past <c>exp</c> → 403 <c>link_expired</c>;
/// the job's outputs expired or deleted → 410 <c>expired</c>.
/// </summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapJobFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/{jobId}/{index:int}", DownloadAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string jobId, int index, long? exp, string? sig, OutputUrls urls, JobService jobs, IBlobStore blobs, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        switch (urls.Check(jobId, index, exp, sig))
        {
            case LinkCheck.BadSignature:
                return new ErrorResult(Error.Forbidden("invalid_signature", "The link's signature is not valid."));
            case LinkCheck.Expired:
                return new ErrorResult(Error.Forbidden("link_expired", "This is an expired link; ask for the job again for a fresh one."));
        }

        var found = await jobs.OutputAsync(jobId, index, cancellationToken);
        if (found is not { } hit || hit.Job.Expired)
        {
            return new ErrorResult(JobErrors.Expired(jobId) with { Message = "The file has expired and was deleted." });
        }

        var stream = await blobs.OpenReadAsync(hit.Output.BlobHash, cancellationToken);
        if (stream is null)
        {
            return new ErrorResult(JobErrors.Expired(jobId) with { Message = "The file has expired and was deleted." });
        }

        // The bytes behind a link never change (content-addressed): cache privately until the link expires.
        var maxAge = Math.Max(0, exp!.Value - time.GetUtcNow().ToUnixTimeSeconds());
        context.Response.Headers.CacheControl = $"private, max-age={maxAge}, immutable";
        return TypedResults.Stream(stream, hit.Output.ContentType, entityTag: new EntityTagHeaderValue($"\"{hit.Output.BlobHash}\""), enableRangeProcessing: true);
    }
}
