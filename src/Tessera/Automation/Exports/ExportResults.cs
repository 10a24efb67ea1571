using Tessera.Media;

namespace Tessera.Automation.Exports;

/// <summary>One media item's push: the remote's id and URL when it took it, else why not (<see cref="Refused"/>: the credentials were turned away).</summary>
public sealed record ExportItemResult(long MediaId, bool Pushed, string? RemoteId, string? RemoteUrl, string? Error, bool Refused = false);

/// <summary>An item to push: the caller's asset and a name a remote accepts for it.</summary>
internal sealed record ExportItem(MediaAsset Asset, string FileName);

/// <summary>A remote's answer to one item, or the reason it failed; <see cref="Refused"/> when the credentials were turned away (the rest are not tried).</summary>
internal sealed record RemoteOutcome(string? RemoteId, string? RemoteUrl, string? Error, bool Refused = false)
{
    public static RemoteOutcome Failed(string error, bool refused = false) => new(null, null, error, refused);
}
