namespace Tessera.Canvas.Placements;

/// <summary>
/// The free position for a square of side <c>size</c> closest to a target corner (DECISIONS: Euclidean distance
/// between top-left corners, ties by y, then x). Why candidates suffice: at the best free position q, moving either
/// coordinate toward the target is blocked (else q was not best), so each coordinate of q is the target's own, a canvas
/// bound (0, W−size), or an edge of a placement p that touches q: p.X − size or p.X + p.Size (likewise for y). Within a
/// search radius r only the placements meeting the area the squares at distance ≤ r cover can supply those edges, so
/// the search gathers them, checks the candidate corners at distance ≤ r in order of (distance, y, x), and doubles r
/// until one is free or r spans the canvas. In a canvas a quarter full of squares of side 10-200 the first radius
/// usually finds it: tens of placements, a few thousand candidates, well under a millisecond.
/// </summary>
internal static class NearestFree
{
    public static CanvasPoint? Find(PlacementIndex index, int targetX, int targetY, int size, long nowMs)
    {
        int maxX = index.Width - size, maxY = index.Height - size;
        if (size < 1 || maxX < 0 || maxY < 0)
        {
            return null;
        }

        var diagonal = (long)Math.Sqrt((double)index.Width * index.Width + (double)index.Height * index.Height) + 1;
        var found = new List<PlacementEntry>();
        var xs = new List<int>();
        var ys = new List<int>();
        var candidates = new List<(long Distance, int Y, int X)>();
        var checkedWithin = -1L;
        for (long radius = Math.Max(64, size); ; radius *= 2)
        {
            var r = (int)Math.Min(radius, int.MaxValue / 4);
            found.Clear();
            index.Intersecting(targetX - r, targetY - r, targetX + r + size, targetY + r + size, nowMs, found);
            Axis(xs, targetX, r, maxX, found, size, vertical: false);
            Axis(ys, targetY, r, maxY, found, size, vertical: true);
            candidates.Clear();
            var limit = (long)r * r;
            foreach (var y in ys)
            {
                var dy = (long)(y - targetY) * (y - targetY);
                if (dy > limit)
                {
                    continue;
                }

                foreach (var x in xs)
                {
                    var distance = dy + (long)(x - targetX) * (x - targetX);
                    // Corners within the previous radius were all candidates then (their edges come from placements
                    // inside the previous area) and all were blocked: only the new ring needs checking.
                    if (distance <= limit && distance > checkedWithin)
                    {
                        candidates.Add((distance, y, x));
                    }
                }
            }

            candidates.Sort();
            foreach (var (_, y, x) in candidates)
            {
                if (index.IsFree(x, y, size, nowMs))
                {
                    return new CanvasPoint(x, y);
                }
            }

            if (radius > diagonal)
            {
                return null;
            }

            checkedWithin = limit;
        }
    }

    private static void Axis(List<int> values, int target, int radius, int max, List<PlacementEntry> placements, int size, bool vertical)
    {
        values.Clear();
        int low = Math.Max(0, target - radius), high = Math.Min(max, target + radius);
        if (low > high)
        {
            return;
        }

        void Add(int value)
        {
            if (value >= low && value <= high)
            {
                values.Add(value);
            }
        }

        Add(Math.Clamp(target, 0, max));
        Add(0);
        Add(max);
        foreach (var placement in placements)
        {
            var start = vertical ? placement.Y : placement.X;
            Add(start - size);
            Add(start + placement.Size);
        }

        values.Sort();
        var distinct = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (i == 0 || values[i] != values[distinct - 1])
            {
                values[distinct++] = values[i];
            }
        }

        values.RemoveRange(distinct, values.Count - distinct);
    }
}
