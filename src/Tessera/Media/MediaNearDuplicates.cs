using System.Globalization;
using System.Numerics;
using System.Text;
using Tessera.Imaging;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>An asset of the library near a searched pHash, and how many of the 64 bits differ.</summary>
public sealed record MediaNearDuplicate(MediaAsset Asset, int Distance);

/// <summary>
/// The caller's images whose pHash is within a Hamming distance of a given one, found through the database's block
/// indexes (migration 0140), not by reading the library: the multi-index rule of <see cref="NearDuplicateIndex"/>
/// (<see cref="NearDuplicateIndex.ProbeKeys"/>) asks each of the 4 blocks for the keys within ⌊d/4⌋ bits (137 keys at
/// d = 10), the candidates' exact distance is checked here, and only the matches are read whole. The keys are
/// integers this class computes, written into the SQL as literals (no user text reaches it).
/// </summary>
public sealed class MediaNearDuplicates(MediaStore store)
{
    private static readonly string[] BlockExpressions = ["(phash & 65535)", "((phash >> 16) & 65535)", "((phash >> 32) & 65535)", "((phash >> 48) & 65535)"];

    /// <summary>The caller's untrashed images within <paramref name="maxDistance"/> (0–10) of <paramref name="hash"/>, nearest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<MediaNearDuplicate>> FindAsync(string accountId, ulong hash, int maxDistance, int limit, CancellationToken cancellationToken)
    {
        var keys = NearDuplicateIndex.ProbeKeys(hash, maxDistance);
        var sql = new StringBuilder();
        for (var block = 0; block < NearDuplicateIndex.BlockCount; block++)
        {
            if (block > 0)
            {
                sql.Append(" UNION ");
            }

            // Each branch reads one (account, block) index: SQLite and PostgreSQL both match the expression to it.
            sql.Append("SELECT id, phash FROM media_assets WHERE account_id = @account AND ").Append(BlockExpressions[block])
                .Append(" IN (").AppendJoin(',', keys[block].Select(key => key.ToString(CultureInfo.InvariantCulture))).Append(')');
        }

        var near = new Dictionary<long, int>();
        await using (var connection = await store.Database.OpenAsync(cancellationToken))
        {
            await using var command = connection.Command(sql.ToString()).With("@account", accountId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(1))
                {
                    continue;
                }

                var distance = BitOperations.PopCount(hash ^ unchecked((ulong)reader.GetInt64(1)));
                if (distance <= maxDistance)
                {
                    near[reader.GetInt64(0)] = distance;
                }
            }
        }

        var assets = await store.GetManyAsync(accountId, near.Keys, cancellationToken);
        return [.. assets.Where(asset => !asset.Trashed && asset.Kind == AssetKind.Image)
            .Select(asset => new MediaNearDuplicate(asset, near[asset.Id]))
            .OrderBy(found => found.Distance).ThenByDescending(found => found.Asset.Id)
            .Take(limit)];
    }
}
