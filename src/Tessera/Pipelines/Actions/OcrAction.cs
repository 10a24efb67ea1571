using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Media;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>ocr</c>: the text in images (Tesseract, each image under the engine's time bound). Library items already analysed
/// answer their stored text without reading again; URLs are fetched through the SSRF-safe client.
/// </summary>
public sealed class OcrAction(IOcrEngine ocr, MediaFetcher fetcher, MediaStore media, MediaFileReader files) : IPipelineAction
{
    public const int MaxImages = 10;

    public PipelineActionDefinition Definition { get; } = new(
        "ocr", "Read the text in images: URLs (e.g. $scrape.source_urls) or library ids (e.g. $search.ids).", Scopes.Media,
        [
            new PipelineParam("urls", PipelineParamType.UrlList, "Images to read, by URL (or objects with a 'url')."),
            new PipelineParam("media_ids", PipelineParamType.IntegerList, "Images of your library to read, by id."),
            new PipelineParam("max_images", PipelineParamType.Integer, "Images to read at most (the first ones).", Default: 5, Minimum: 1, Maximum: MaxImages),
        ],
        [
            new PipelineOutput("count", "integer", "Images read."),
            new PipelineOutput("texts", "array", "[{url | media_id, text}] in the order given; text is \"\" when none was found."),
            new PipelineOutput("text", "string", "Every text found, one image per line."),
        ]);

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var urls = call.Strings("urls");
        var ids = call.Longs("media_ids");
        if (urls.Count == 0 && ids.Count == 0)
        {
            return Error.Validation("Give 'urls' or 'media_ids': the images to read.");
        }

        if (!ocr.Available)
        {
            return new Error("ocr_unavailable", "OCR is not available on this server (the tesseract program is missing).", 503);
        }

        var budget = call.Int("max_images", 5);
        var texts = new JsonArray();
        foreach (var asset in await media.GetManyAsync(call.AccountId, [.. ids.Take(budget)], cancellationToken))
        {
            var text = asset.OcrText ?? await ReadAsync(asset, cancellationToken);
            texts.Add(new JsonObject { ["media_id"] = asset.Id, ["text"] = text ?? "" });
        }

        foreach (var url in urls.Take(budget - texts.Count))
        {
            var fetched = await fetcher.FetchAsync(url, cancellationToken);
            if (!fetched.IsSuccess)
            {
                return fetched.Error with { Message = $"{url}: {fetched.Error.Message}" };
            }

            texts.Add(new JsonObject { ["url"] = url, ["text"] = await ocr.ReadTextAsync(fetched.Value.Body, cancellationToken) ?? "" });
        }

        return new JsonObject
        {
            ["count"] = texts.Count,
            ["texts"] = texts,
            ["text"] = string.Join('\n', texts.Select(item => item!["text"]!.GetValue<string>()).Where(text => text.Length > 0)),
        };
    }

    private async Task<string?> ReadAsync(MediaAsset asset, CancellationToken cancellationToken) =>
        asset.Kind == "image" && await files.ReadAsync(asset, cancellationToken) is { } bytes ? await ocr.ReadTextAsync(bytes, cancellationToken) : null;
}
