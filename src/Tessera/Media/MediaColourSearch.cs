using System.Data.Common;
using Tessera.Imaging;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// Search by colour: assets whose dominant colours come nearest the asked one by CIEDE2000, not by exact hex. The
/// database narrows the candidates to a box in CIELAB around the colour (read by its <see cref="LabCells"/> grid cells
/// from an index that also holds the colour), which holds every colour within <see cref="MaxDistance"/> ΔE2000 in
/// practice, then to the sphere of that radius (ΔE76, on the index's own columns, before any asset row is read);
/// CIEDE2000 then ranks them here (it is not expressible as an index). An asset's distance is that of its nearest dominant colour that covers at least 5% of it.
/// </summary>
internal static class MediaColourSearch
{
    /// <summary>The farthest a result may be (ΔE2000): beyond ~20 colours no longer read as "that colour".</summary>
    public const double MaxDistance = 20;

    private const double Box = 25;
    private const double MinShare = 0.05;

    public static async Task<MediaPage> QueryAsync(
        DbConnection connection, bool sqlite, string accountId, MediaQuery query, IReadOnlyList<string> terms, Lab target, CancellationToken cancellationToken)
    {
        await using var candidates = connection.Command("");
        var (fromWhere, _) = MediaQuerySql.Build(candidates, sqlite, accountId, query, terms);
        // The box's grid cells come from the (account, cell, ...) index, which also holds the colour: only the few
        // thousand colours near the target are read, and only their assets are checked against the other filters.
        var cells = LabCells.Around(target.L, target.A, target.B, Box);
        // With no filter but the account, the colours alone answer and the (few) trashed assets are left out here, so no
        // asset row is read per candidate. Otherwise CROSS JOIN keeps SQLite's loop order: colours outside, each asset
        // fetched by its key (PostgreSQL plans freely).
        var colourOnly = terms.Count == 0 && query is { Tag: null, Group: null, FolderId: null, Kind: null, Trashed: false };
        const string AssetsFrom = "FROM media_assets a";
        var joined = colourOnly
            ? "FROM media_colors c WHERE c.account_id = @account"
            : "FROM media_colors c CROSS JOIN media_assets a" + fromWhere[AssetsFrom.Length..] + " AND a.id = c.asset_id";
        var trashed = colourOnly ? await TrashedAsync(connection, accountId, cancellationToken) : [];
        candidates.CommandText = $"""
            SELECT c.asset_id, c.l, c.a, c.b {joined}
              AND c.account_id = @account AND c.cell IN ({string.Join(", ", cells)}) AND c.share >= @share
              AND c.l BETWEEN @l0 AND @l1 AND c.a BETWEEN @a0 AND @a1 AND c.b BETWEEN @b0 AND @b1
              AND (c.l - @tl) * (c.l - @tl) + (c.a - @ta) * (c.a - @ta) + (c.b - @tb) * (c.b - @tb) <= @r2
            """;
        candidates.With("@share", MinShare)
            .With("@l0", target.L - Box).With("@l1", target.L + Box)
            .With("@a0", target.A - Box).With("@a1", target.A + Box)
            .With("@b0", target.B - Box).With("@b1", target.B + Box)
            .With("@tl", target.L).With("@ta", target.A).With("@tb", target.B).With("@r2", Box * Box);
        var nearest = new Dictionary<long, double>();
        await using (var reader = await candidates.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var distance = ColourScience.Ciede2000(target, new Lab(reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)));
                var id = reader.GetInt64(0);
                if (trashed.Contains(id))
                {
                    continue;
                }

                if (distance <= MaxDistance && (!nearest.TryGetValue(id, out var known) || distance < known))
                {
                    nearest[id] = distance;
                }
            }
        }

        var page = nearest.OrderBy(pair => pair.Value).ThenByDescending(pair => pair.Key).Skip(query.Offset).Take(query.Limit).Select(pair => pair.Key).ToList();
        if (page.Count == 0)
        {
            return new MediaPage([], nearest.Count);
        }

        await using var rows = connection.Command("");
        rows.CommandText = $"SELECT {MediaRows.Columns} FROM media_assets a WHERE a.account_id = @account AND a.id IN ({MediaStore.InList(rows, page)})";
        rows.With("@account", accountId);
        var byId = (await MediaRows.ReadAllAsync(rows, cancellationToken)).ToDictionary(asset => asset.Id);
        return new MediaPage([.. page.Where(byId.ContainsKey).Select(id => byId[id])], nearest.Count);
    }

    private static async Task<HashSet<long>> TrashedAsync(DbConnection connection, string accountId, CancellationToken cancellationToken)
    {
        var trashed = new HashSet<long>();
        await using var command = connection.Command("SELECT id FROM media_assets WHERE account_id = @account AND trashed_at IS NOT NULL").With("@account", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            trashed.Add(reader.GetInt64(0));
        }

        return trashed;
    }
}
