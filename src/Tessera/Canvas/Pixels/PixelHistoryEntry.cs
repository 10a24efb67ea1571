namespace Tessera.Canvas.Pixels;

/// <summary>One change of one pixel: who, when, and its colour (0xRRGGBB, null: unpainted) and link before and after.</summary>
public sealed record PixelHistoryEntry(long Seq, DateTimeOffset At, string AccountId, uint? OldColor, string? OldUrl, uint? NewColor, string? NewUrl);

/// <summary>A page of a pixel's history, oldest first; <see cref="NextBefore"/> is the cursor of the older page, or null.</summary>
public sealed record PixelHistoryPage(IReadOnlyList<PixelHistoryEntry> Entries, long? NextBefore);
