using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Media;
using Tessera.RateLimits;
using Tessera.Storage;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET /download/{job_id}</c> (all of a job's files as <c>job_{id}.zip</c>, streamed as it is written) and
/// <c>GET /files/{job_id}/{filename}</c> (one file; the job's <c>download_url</c>). Either opens with the owner's key
/// (<c>jobs</c> scope) or with the expiring signature the job's answer puts in the query (<see cref="JobLinks"/>), so a
/// browser or <c>curl -O</c> needs no header; a bare id with neither is a 401, another account's job a 404.
/// </summary>
public static class OceanDownloadEndpoints
{
    private static readonly KeyAccess OwnerAccess = new(Scopes.Jobs, Operator: false);

    public static IEndpointRouteBuilder MapOceanDownloads(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var files = endpoints.MapGroup(pathBase).WithGroupName(PixelsOceanSurface.Name).AllowAnonymous()
            .RequireRateLimit(PixelsOceanSurface.Policies.Files);
        files.MapGet("/download/{job_id:long}", DownloadAsync)
            .Documented(PixelsOceanSurface.Sections.Jobs, "Download a job's files as a ZIP",
                "All files a completed job stored (`job_{id}.zip`, streamed). Open it with your key (`X-API-Key`, `jobs` scope) or with the signed `zip_url` the job's status gives (valid for a day; no key). A job still queued or processing is a 409.",
                response: "application/zip (Content-Disposition: attachment; filename=\"job_1024.zip\")");
        files.MapGet("/files/{job_id:long}/{filename}", FileAsync)
            .Documented(PixelsOceanSurface.Sections.Jobs, "Download one file of a job",
                "One file of a job, by the `filename` the job's status lists. Open it with your key or with the item's signed `download_url` (valid for a day; no key). An expired link is a 410: poll the job again for a fresh one.",
                response: "the file's bytes, with its content type");
        return endpoints;
    }

    /// <summary>The signed URL of one of a job's files.</summary>
    public static string FileUrlOf(HttpContext context, long number, string name)
    {
        var link = context.RequestServices.GetRequiredService<JobLinks>().File(number, name);
        return string.Create(CultureInfo.InvariantCulture,
            $"{RootOf(context)}/files/{number}/{Uri.EscapeDataString(name)}?expires={link.Expires}&signature={link.Signature}");
    }

    /// <summary>The signed URL of a job's ZIP.</summary>
    public static string ZipUrlOf(HttpContext context, long number)
    {
        var link = context.RequestServices.GetRequiredService<JobLinks>().Archive(number);
        return string.Create(CultureInfo.InvariantCulture, $"{RootOf(context)}/download/{number}?expires={link.Expires}&signature={link.Signature}");
    }

    private static string RootOf(HttpContext context) =>
        PublicBaseUrl.Of(context.Request, context.RequestServices.GetRequiredService<IConfiguration>())
        + context.RequestServices.GetRequiredService<SurfaceRegistry>().Get(PixelsOceanSurface.Name).PathBase;

    private static async Task DownloadAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "job_id")] long jobId, string? expires, string? signature, HttpContext context, JobFiles jobFiles, JobLinks links,
        MediaArchive archive, CancellationToken ct)
    {
        var opened = await OpenAsync(context, jobId, new SignedQuery(expires, signature), jobFiles, (end, mac) => links.CheckArchive(jobId, end, mac), ct);
        if (!opened.IsSuccess)
        {
            await KeyAccessRule.WriteAsync(context, opened.Error);
            return;
        }

        var set = opened.Value;
        if (!set.Finished)
        {
            await KeyAccessRule.WriteAsync(context, Error.Conflict("job_not_finished", $"Job {jobId} is still {OceanJobEndpoints.StatusOf(set.Job.Status)}: download it once its status is completed."));
            return;
        }

        var response = context.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"job_{jobId}.zip" }.ToString();
        response.Headers.CacheControl = "private, no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        // Entries go out as they are written: no Content-Length, nothing buffered but the copy buffer.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await archive.WriteAsync(response.Body, set.Files, ct);
    }

    private static async Task FileAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "job_id")] long jobId, string filename, string? expires, string? signature, HttpContext context,
        JobFiles jobFiles, JobLinks links,
        [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, CancellationToken ct)
    {
        var opened = await OpenAsync(context, jobId, new SignedQuery(expires, signature), jobFiles, (end, mac) => links.CheckFile(jobId, filename, end, mac), ct);
        if (!opened.IsSuccess)
        {
            await KeyAccessRule.WriteAsync(context, opened.Error);
            return;
        }

        if (opened.Value.Named(filename) is not { } file || await blobs.OpenReadAsync(file.Asset.BlobHash, ct) is not { } stream)
        {
            await KeyAccessRule.WriteAsync(context, Error.NotFound($"Job {jobId} has no file named '{filename}'."));
            return;
        }

        OceanMediaFiles.Harden(context.Response);
        // Private: the link or key that opened it is a credential, and the link ends.
        context.Response.Headers.CacheControl = "private, max-age=3600";
        await TypedResults.Stream(stream, file.Asset.ContentType, fileDownloadName: file.Name,
            entityTag: new EntityTagHeaderValue($"\"{file.Asset.BlobHash}\""), enableRangeProcessing: true).ExecuteAsync(context);
    }

    /// <summary>
    /// The job's files for whoever may open them: a signature in the query decides alone (a wrong one is a 404, as if the
    /// job were not there; a right one past its end a 410); without one the caller's key must be the owner's.
    /// </summary>
    private static async Task<Result<JobFileSet>> OpenAsync(
        HttpContext context, long number, SignedQuery query, JobFiles jobFiles, Func<long, string?, LinkVerdict> check, CancellationToken ct)
    {
        if (query.Signature is not null || query.Expires is not null)
        {
            var verdict = long.TryParse(query.Expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                ? check(expires, query.Signature) : LinkVerdict.Invalid;
            if (verdict == LinkVerdict.Expired)
            {
                return new Error("link_expired", $"This link to job {number} has expired: poll /api/jobs/{number} for a fresh one, or send your key.", StatusCodes.Status410Gone);
            }

            if (verdict != LinkVerdict.Open)
            {
                return Error.NotFound($"Job {number} not found.");
            }

            return await jobFiles.OpenSignedAsync(number, ct);
        }

        if (KeyAccessRule.Refusal(context, OwnerAccess) is { } refusal)
        {
            return refusal;
        }

        return await jobFiles.OpenAsync(TesseraClaims.AccountIdOf(context.User)!, number, ct);
    }

    /// <summary>The signed link's query: <c>expires</c> (Unix seconds) and <c>signature</c>.</summary>
    private readonly record struct SignedQuery(string? Expires, string? Signature);
}
