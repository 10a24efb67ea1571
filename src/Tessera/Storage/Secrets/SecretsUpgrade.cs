using System.Data.Common;

namespace Tessera.Storage.Secrets;

/// <summary>
/// At start (after migrations): every <see cref="ProtectedColumn"/> value that is still clear (written before
/// encryption) or encrypted under a previous key is encrypted under the current key, in batches, each row by a
/// conditional UPDATE (<c>WHERE value = old</c>) so nodes upgrading together, or a write in between, lose nothing.
/// A value no key here can open is left as it is and logged; the server starts, and the secret fails where it is used.
/// </summary>
internal sealed partial class SecretsUpgrade(TesseraDatabase database, ISecretProtector protector, SecretKeyRing keys, IEnumerable<ProtectedColumn> columns, ILogger<SecretsUpgrade> logger) : IStartupTask
{
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var column in columns)
        {
            var (upgraded, unreadable) = await UpgradeAsync(column, cancellationToken);
            if (upgraded > 0)
            {
                LogUpgraded(logger, upgraded, column.Table, column.ValueColumn, keys.Current.Id);
            }

            if (unreadable > 0)
            {
                LogUnreadable(logger, unreadable, column.Table, column.ValueColumn);
            }
        }
    }

    private async Task<(int Upgraded, int Unreadable)> UpgradeAsync(ProtectedColumn column, CancellationToken cancellationToken)
    {
        int upgraded = 0, unreadable = 0;
        object? after = null;
        await using var connection = await database.OpenAsync(cancellationToken);
        while (true)
        {
            var rows = await ReadBatchAsync(connection, column, after, cancellationToken);
            if (rows.Count == 0)
            {
                return (upgraded, unreadable);
            }

            after = rows[^1].Key;
            await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
            foreach (var (key, value) in rows)
            {
                string clear;
                try
                {
                    clear = protector.Unprotect(value, column.Purpose);
                }
                catch (SecretUnavailableException)
                {
                    unreadable++;
                    continue;
                }

                upgraded += await connection.Command(
                        $"UPDATE {column.Table} SET {column.ValueColumn} = @new WHERE {column.KeyColumn} = @key AND {column.ValueColumn} = @old", transaction)
                    .With("@new", protector.Protect(clear, column.Purpose)).With("@key", key).With("@old", value)
                    .ExecuteAndDisposeAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The next rows (by key) whose value is not yet under the current key.</summary>
    private async Task<List<(object Key, string Value)>> ReadBatchAsync(DbConnection connection, ProtectedColumn column, object? after, CancellationToken cancellationToken)
    {
        // Keys go back as the provider read them (text, or an integer id), so comparisons keep the column's type and index.
        var filter = (column.Filter is { } extra ? $" AND ({extra})" : "") + (after is null ? "" : $" AND {column.KeyColumn} > @after");
        var rows = new List<(object, string)>();
        await using var command = connection.Command($"""
                SELECT {column.KeyColumn}, {column.ValueColumn} FROM {column.Table}
                WHERE {column.ValueColumn} IS NOT NULL AND {column.ValueColumn} NOT LIKE @current{filter}
                ORDER BY {column.KeyColumn} LIMIT {Batch}
                """)
            .With("@current", SecretProtector.EncryptedPrefix + keys.Current.Id + ":%");
        if (after is not null)
        {
            command.With("@after", after);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetValue(0), reader.GetString(1)));
        }

        return rows;
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Encrypted {Count} stored secret(s) in {Table}.{Column} under secret key {KeyId}")]
    private static partial void LogUpgraded(ILogger logger, int count, string table, string column, string keyId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "{Count} secret(s) in {Table}.{Column} were encrypted with a key this server does not have; they fail where used until that key is configured (Tessera:SecretKeys:Previous, docs/secrets.md)")]
    private static partial void LogUnreadable(ILogger logger, int count, string table, string column);
}
