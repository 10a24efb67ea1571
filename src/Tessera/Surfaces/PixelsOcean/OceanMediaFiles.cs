using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tessera.Common;
using Tessera.Http;
using Tessera.Media;
using Tessera.Storage;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// The URLs library files are served under, <c>{base}/m/{id}/{signature}/{filename}</c>: Tessera serves the bytes
/// itself (no CDN), the signature (<see cref="MediaLinks"/>) is the credential, so an <c>img</c> tag or a shared link
/// works without a key while ids alone open nothing. A trashed or purged asset's URL answers 404.
/// </summary>
public static class OceanMediaFiles
{
    public static IEndpointRouteBuilder MapOceanMediaFiles(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        endpoints.MapGet(pathBase + "/m/{id:long}/{signature}/{filename}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(pathBase + "/m/{id:long}/{signature}/{transform}/{filename}", ServeDerivedAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The absolute URL of <paramref name="asset"/>'s original file.</summary>
    public static string UrlOf(HttpContext context, MediaAsset asset)
    {
        var links = context.RequestServices.GetRequiredService<MediaLinks>();
        return string.Create(CultureInfo.InvariantCulture,
            $"{FilesRoot(context)}/{asset.Id}/{links.Sign(MediaLinks.Original(asset))}/{Uri.EscapeDataString(asset.FileName)}");
    }

    /// <summary>The absolute URL of <paramref name="asset"/>'s optimised copy <paramref name="transform"/>.</summary>
    public static string DerivedUrlOf(HttpContext context, MediaAsset asset, MediaTransform transform)
    {
        var links = context.RequestServices.GetRequiredService<MediaLinks>();
        var name = Path.GetFileNameWithoutExtension(asset.FileName) is { Length: > 0 } stem ? stem : "image";
        return string.Create(CultureInfo.InvariantCulture,
            $"{FilesRoot(context)}/{asset.Id}/{links.Sign(MediaLinks.Derived(asset, transform))}/{transform}/{Uri.EscapeDataString(name)}.{transform.Extension}");
    }

    /// <summary><c>{public base}{surface path base}/m</c>: where every file URL of the library starts.</summary>
    private static string FilesRoot(HttpContext context)
    {
        var surface = context.RequestServices.GetRequiredService<SurfaceRegistry>().Get(PixelsOceanSurface.Name);
        return PublicBaseUrl.Of(context.Request, context.RequestServices.GetRequiredService<IConfiguration>()) + surface.PathBase + "/m";
    }

    public static OceanMediaView View(HttpContext context, MediaAsset asset) => OceanMediaView.From(asset, UrlOf(context, asset));

    private static async Task<IResult> ServeAsync(
        long id, string signature, MediaStore store, MediaLinks links, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, CancellationToken ct)
    {
        var asset = await store.GetByIdAsync(id, ct);
        if (asset is null || asset.Trashed || !links.Verify(MediaLinks.Original(asset), signature))
        {
            return new ErrorResult(Error.NotFound("No such file."));
        }

        var stream = await blobs.OpenReadAsync(asset.BlobHash, ct);
        if (stream is null)
        {
            return new ErrorResult(Error.NotFound("No such file."));
        }

        // The bytes behind a URL never change (it names the content's hash): cache for a year.
        return new CachedForever(TypedResults.Stream(stream, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.BlobHash}\""), enableRangeProcessing: true));
    }

    private static async Task<IResult> ServeDerivedAsync(
        long id, string signature, string transform, MediaStore store, MediaLinks links, MediaDerivatives derivatives,
        [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, CancellationToken ct)
    {
        var asset = await store.GetByIdAsync(id, ct);
        if (asset is null || asset.Trashed || MediaTransform.Parse(transform) is not { } parsed || !links.Verify(MediaLinks.Derived(asset, parsed), signature))
        {
            return new ErrorResult(Error.NotFound("No such file."));
        }

        var made = await derivatives.GetOrMakeAsync(asset, parsed, ct);
        if (!made.IsSuccess)
        {
            return new ErrorResult(made.Error.Status == 404 ? made.Error : new Error("not_optimisable", "This file cannot be optimised: " + made.Error.Message, 422));
        }

        var stream = await blobs.OpenReadAsync(made.Value.Hash, ct);
        return stream is null
            ? new ErrorResult(Error.NotFound("No such file."))
            : new CachedForever(TypedResults.Stream(stream, made.Value.ContentType, entityTag: new EntityTagHeaderValue($"\"{made.Value.Hash}\""), enableRangeProcessing: true));
    }

    /// <summary>What every served file carries: its type is not guessed, and it is shown, never run (no script in an
    /// SVG-like payload, no PDF JavaScript reaching the origin).</summary>
    public static void Harden(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    }

    /// <summary>Adds <c>Cache-Control: public, max-age=31536000, immutable</c> to a file result.</summary>
    private sealed class CachedForever(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            Harden(httpContext.Response);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
