namespace Tessera.Media;

/// <summary>
/// The library's blob store is its own (<c>{Data}/media</c>): a purge may delete a blob no asset names, and that must
/// never reach a job output or a canvas upload that happens to have the same bytes in the shared store.
/// </summary>
public static class MediaBlobs
{
    public const string Key = "media";
}

/// <summary>Wakes the analysis worker when an upload lands on this node.</summary>
public sealed class MediaAnalysisSignal : Common.WakeSignal;
