using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tessera.Storage;

/// <summary>Gives EF Core's SQLite connections the same per-connection settings as <see cref="TesseraDatabase.OpenAsync"/>.</summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        connection.Command(TesseraDatabase.SqlitePragmas).ExecuteAndDispose();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await connection.Command(TesseraDatabase.SqlitePragmas).ExecuteAndDisposeAsync(cancellationToken);
}
