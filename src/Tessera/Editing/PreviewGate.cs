using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Editing;

/// <summary>
/// At most <see cref="EditingOptions.MaxConcurrentPreviewsPerAccount"/> previews of one account render at once: a
/// preview is ~50–150 ms of a core, and a page that sent one per pointer move could otherwise take both cores of a
/// small server. One more at the same moment is refused at once (429), not queued: by the time it ran, the layer has
/// moved on and the page has asked for a newer preview. Per node; a per-account bound across nodes needs no more.
/// </summary>
public sealed class PreviewGate(IOptions<EditingOptions> options)
{
    private readonly PerKeyLimit _running = new();

    /// <summary>A turn (dispose it when the preview is done), or null when the account already renders its share.</summary>
    public IDisposable? TryEnter(string accountId) => _running.TryEnter(accountId, options.Value.MaxConcurrentPreviewsPerAccount);
}
