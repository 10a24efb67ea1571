using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tessera.Storage;

/// <summary>
/// The database Tessera runs on, for code that writes its own SQL (hot paths: ledger transfers,
/// bulk pixel writes, queue claims). Most SQL here is shared by both providers: both speak
/// <c>INSERT ... ON CONFLICT</c>, <c>RETURNING</c> and <c>@name</c> parameters; times are bigint epoch milliseconds.
/// </summary>
public sealed class TesseraDatabase : IAsyncDisposable
{
    // Per connection: NORMAL is crash-safe for the process in WAL mode (DECISIONS: durable = survives kill -9);
    // busy_timeout lets SQLite's own handler wait for the single writer instead of failing at once.
    internal const string SqlitePragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    private readonly NpgsqlDataSource? _postgres;
    private readonly Lazy<SqliteWriteQueue>? _sqliteWrites;

    public TesseraDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            _sqliteWrites = new Lazy<SqliteWriteQueue>(() => new SqliteWriteQueue(this));
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public NpgsqlDataSource? PostgresDataSource => _postgres;

    /// <summary>On SQLite, the node's one group-commit writer that the hot write paths share; null on PostgreSQL.</summary>
    public SqliteWriteQueue? SqliteWrites => _sqliteWrites?.Value;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = SqlitePragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Starts a write transaction. On SQLite this is <c>BEGIN IMMEDIATE</c>: the write lock is taken up front,
    /// so two writers never deadlock upgrading a read lock.
    /// </summary>
    public static async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        return await connection.BeginTransactionAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteWrites is { IsValueCreated: true })
        {
            await _sqliteWrites.Value.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
