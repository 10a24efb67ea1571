using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>ocr</c>: the text in images (Tesseract, each image under the engine's time bound). Library items already analysed
/// answer their stored text without reading again; URLs are fetched through the SSRF-safe client.
/// </summary>
public sealed class OcrAction(IOcrEngine ocr, StepImages images) : IPipelineAction
{
    public const int MaxImages = 10;

    public PipelineActionDefinition Definition { get; } = new(
        "ocr", "Read the text in images: URLs (e.g. $scrape.source_urls) or library ids (e.g. $search.ids).", Scopes.Media,
        [
            StepImages.Urls("read"),
            StepImages.MediaIds("read"),
            StepImages.MaxImages("read", 5, MaxImages),
        ],
        [
            new PipelineOutput("count", "integer", "Images read."),
            new PipelineOutput("texts", "array", "[{url | media_id, text}] in the order given; text is \"\" when none was found."),
            new PipelineOutput("text", "string", "Every text found, one image per line."),
        ]);

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ocr.Available)
        {
            return new Error("ocr_unavailable", "OCR is not available on this server (the tesseract program is missing).", 503);
        }

        // An analysed library image has its text already: it is not read again.
        var read = await images.ReadAsync(call, "read", 5, asset => asset.OcrText is null, cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var texts = new JsonArray();
        foreach (var (entry, asset, bytes) in read.Value)
        {
            entry["text"] = asset?.OcrText ?? (bytes is null ? null : await ocr.ReadTextAsync(bytes, cancellationToken)) ?? "";
            texts.Add(entry);
        }

        return new JsonObject
        {
            ["count"] = texts.Count,
            ["texts"] = texts,
            ["text"] = string.Join('\n', texts.Select(item => item!["text"]!.GetValue<string>()).Where(text => text.Length > 0)),
        };
    }
}
