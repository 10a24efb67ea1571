using System.Data.Common;
using System.Text.Json;

namespace Tessera.Media;

/// <summary>The asset columns every read selects, and turning a row of them into a <see cref="MediaAsset"/>.</summary>
internal static class MediaRows
{
    public const string Columns =
        "a.id, a.account_id, a.blob_hash, a.name, a.file_name, a.group_name, a.folder_id, a.kind, a.content_type, a.size, a.width, a.height, " +
        "a.tags, a.colors, a.phash, a.ocr_text, a.labels, a.mirror_url, a.analysis, a.created_at, a.updated_at, a.trashed_at";

    public static MediaAsset Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.GetInt64(9),
        reader.IsDBNull(10) ? null : reader.GetInt32(10),
        reader.IsDBNull(11) ? null : reader.GetInt32(11),
        JsonSerializer.Deserialize<string[]>(reader.GetString(12)) ?? [],
        reader.IsDBNull(13) ? [] : JsonSerializer.Deserialize<MediaColour[]>(reader.GetString(13), Web) ?? [],
        reader.IsDBNull(14) ? null : unchecked((ulong)reader.GetInt64(14)),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        reader.IsDBNull(16) ? null : reader.GetString(16),
        reader.IsDBNull(17) ? null : reader.GetString(17),
        reader.GetString(18),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(19)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(20)),
        reader.IsDBNull(21) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(21)));

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<List<MediaAsset>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<MediaAsset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }
}
