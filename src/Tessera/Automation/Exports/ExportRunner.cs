using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Media;
using Tessera.Storage;

namespace Tessera.Automation.Exports;

/// <summary>
/// What every export shares: the items must all be the caller's untrashed assets (else 404 naming the missing ids, and
/// nothing is pushed), at most <see cref="AutomationOptions.MaxExportItems"/>; each is pushed in turn, one failure never
/// stops the others — except a refusal of the credentials, after which the rest are reported with the same reason
/// instead of being sent to a remote that already said no.
/// </summary>
public sealed class ExportRunner(MediaStore media, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, IOptions<AutomationOptions> options, ILogger<ExportRunner> logger)
{
    internal async Task<Result<IReadOnlyList<ExportItemResult>>> RunAsync(
        string accountId, string target, IReadOnlyList<long> mediaIds, Func<ExportItem, Stream, Task<RemoteOutcome>> push, CancellationToken cancellationToken)
    {
        var ids = mediaIds.Distinct().ToList();
        if (ids.Count == 0 || ids.Count > options.Value.MaxExportItems)
        {
            return Error.Validation($"'media_ids' must list 1–{options.Value.MaxExportItems} of your media ids.");
        }

        var assets = (await media.GetManyAsync(accountId, ids, cancellationToken)).Where(asset => !asset.Trashed).ToDictionary(asset => asset.Id);
        if (ids.Where(id => !assets.ContainsKey(id)).ToList() is { Count: > 0 } missing)
        {
            return Error.NotFound($"Media not found: {string.Join(", ", missing)}. Nothing was pushed.");
        }

        var results = new List<ExportItemResult>(ids.Count);
        RemoteOutcome? refusal = null;
        foreach (var id in ids)
        {
            var asset = assets[id];
            RemoteOutcome outcome;
            if (refusal is not null)
            {
                outcome = refusal;
            }
            else
            {
                await using var content = await blobs.OpenReadAsync(asset.BlobHash, cancellationToken);
                outcome = content is null ? RemoteOutcome.Failed("The file is missing from the library's store.") : await push(new ExportItem(asset, SafeName(asset.FileName)), content);
                refusal = outcome.Refused ? outcome : null;
            }

            results.Add(new ExportItemResult(id, outcome.Error is null, outcome.RemoteId, outcome.RemoteUrl, outcome.Error, outcome.Refused));
        }

        Log.Exported(logger, target, accountId, results.Count(r => r.Pushed), results.Count(r => !r.Pushed));
        return results;
    }

    /// <summary>A file name any remote takes in a header: ASCII letters, digits, '.', '-', '_' (others become '_').</summary>
    internal static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Length > 0 ? name : "file")
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>A remote's error text, short and on one line (never a whole HTML page).</summary>
    internal static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ").Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
