namespace Tessera.Tests.Support;

/// <summary>Two Tessera servers on one fresh database, sharing the operator key: a cluster of two nodes.</summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public TwoNodes()
    {
        A = new TesseraFactory(_database);
        B = new TesseraFactory(_database) { AdminKey = A.AdminKey };
    }

    public TesseraFactory A { get; }

    public TesseraFactory B { get; }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await _database.DisposeAsync();
    }
}
