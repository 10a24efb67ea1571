namespace Tessera.Canvas.Pixels;

/// <summary>
/// Who owns each pixel of a canvas, from its claims: one int per pixel (4 MB for 1000×1000), so checking a
/// 1000-pixel bulk costs 1000 array reads. Claims only ever grow, so a stale grid can only refuse wrongly; the store
/// reloads it from the database before refusing (<see cref="PixelStore"/>), which also picks up other nodes' claims.
/// </summary>
public sealed class ClaimGrid(int width, int height)
{
    private readonly int[] _owners = new int[width * height];
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly List<string> _accounts = [""];
    private readonly HashSet<long> _applied = [];
    private readonly Lock _lock = new();

    public void Add(Claim claim)
    {
        lock (_lock)
        {
            if (!_applied.Add(claim.Id))
            {
                return;
            }

            if (!_accountIndex.TryGetValue(claim.AccountId, out var owner))
            {
                owner = _accounts.Count;
                _accounts.Add(claim.AccountId);
                _accountIndex[claim.AccountId] = owner;
            }

            for (var y = claim.Y; y < claim.Y + claim.Height; y++)
            {
                _owners.AsSpan(y * width + claim.X, claim.Width).Fill(owner);
            }
        }
    }

    public bool OwnsAll(string accountId, IReadOnlyList<PixelChange> changes)
    {
        var owner = OwnerIndexOf(accountId);

        if (owner == 0)
        {
            return false;
        }

        foreach (var change in changes)
        {
            if (_owners[change.Y * width + change.X] != owner)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first pixel of the rectangle <paramref name="accountId"/> does not own, or null.</summary>
    public (int X, int Y)? FirstNotOwned(string accountId, int x, int y, int w, int h)
    {
        var owner = OwnerIndexOf(accountId);

        for (var row = y; row < y + h; row++)
        {
            var span = _owners.AsSpan(row * width + x, w);
            var at = owner == 0 ? 0 : span.IndexOfAnyExcept(owner);
            if (at >= 0)
            {
                return (x + at, row);
            }
        }

        return null;
    }

    public string? OwnerAt(int x, int y)
    {
        lock (_lock)
        {
            return _owners[y * width + x] is var owner && owner > 0 ? _accounts[owner] : null;
        }
    }

    private int OwnerIndexOf(string accountId)
    {
        lock (_lock)
        {
            return _accountIndex.GetValueOrDefault(accountId);
        }
    }
}
