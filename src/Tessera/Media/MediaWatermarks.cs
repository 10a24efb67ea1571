using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>What a watermark request names: the two URLs and how to lay the mark.</summary>
public sealed record WatermarkRequest(string ImageUrl, string WatermarkUrl, WatermarkOptions Options);

/// <summary>
/// <c>/api/watermark</c>'s work: fetches the image and the watermark (<see cref="MediaFetcher"/>), lays the mark
/// (<see cref="Watermark"/>, decoding both within the library's bounds) and keeps the result as a new asset in the
/// caller's library (group <see cref="Group"/>, named after the source), so its URL is the library's signed file URL and
/// it can be found, shared and purged like any upload. The result keeps the source's format when Imaging writes it.
/// </summary>
public sealed class MediaWatermarks(MediaFetcher fetcher, MediaLibrary library, IOptions<MediaOptions> options)
{
    public const string Group = "watermarked";

    public async Task<Result<MediaAsset>> ApplyAsync(string accountId, WatermarkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = await fetcher.FetchAsync(request.ImageUrl, cancellationToken);
        if (!source.IsSuccess)
        {
            return Error.Validation($"image: {source.Error.Message}");
        }

        var mark = await fetcher.FetchAsync(request.WatermarkUrl, cancellationToken);
        if (!mark.IsSuccess)
        {
            return Error.Validation($"watermark: {mark.Error.Message}");
        }

        // Decoding and compositing are CPU work of up to the pixel bound: off the request's thread.
        var composed = await Task.Run(() => Watermark.Apply(source.Value.Body, mark.Value.Body, request.Options, limits: options.Value.ImageLimits), cancellationToken);
        if (!composed.IsSuccess)
        {
            return composed.Error;
        }

        var stem = Path.GetFileNameWithoutExtension(source.Value.FileName) is { Length: > 0 } name ? name : "image";
        var format = ImageSniffer.Detect(composed.Value).Format is { Length: > 0 } sniffed ? sniffed : "png";
        using var content = new MemoryStream(composed.Value, writable: false);
        return await library.UploadAsync(
            accountId, content, composed.Value.LongLength, new MediaUpload($"watermarked_{stem}.{format}", null, Group, [], null), cancellationToken);
    }
}
