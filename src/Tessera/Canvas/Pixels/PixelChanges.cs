namespace Tessera.Canvas.Pixels;

/// <summary>The rules for the pixels of one write, whoever sends them.</summary>
public static class PixelChanges
{
    /// <summary>
    /// One change per pixel: repeats of a pixel inside one write collapse into one, each field taking its last value
    /// (what applying them in order would leave). Why: one owner repeating one pixel 1000 times in a bulk would
    /// otherwise store 1000 changes, and the per-pixel history keys on (pixel, seq). Order: first appearance.
    /// </summary>
    public static IReadOnlyList<PixelChange> CollapseRepeats(IReadOnlyList<PixelChange> changes)
    {
        if (changes.Count < 2)
        {
            return changes;
        }

        Dictionary<(int X, int Y), int>? seen = null;
        List<PixelChange>? collapsed = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            seen ??= new Dictionary<(int X, int Y), int>(changes.Count);
            if (seen.TryGetValue((change.X, change.Y), out var at))
            {
                collapsed ??= [.. changes.Take(i)];
                var earlier = collapsed[at];
                collapsed[at] = earlier with { Color = change.Color ?? earlier.Color, Url = change.Url ?? earlier.Url };
                continue;
            }

            seen[(change.X, change.Y)] = collapsed?.Count ?? i;
            collapsed?.Add(change);
        }

        return collapsed ?? changes;
    }
}
