using System.Diagnostics;
using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

/// <summary>Two servers on one database play two nodes: a key revoked on one stops on the other within a second.</summary>
public sealed class RevocationAcrossNodesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private TesseraFactory _nodeA = null!;
    private TesseraFactory _nodeB = null!;

    public ValueTask InitializeAsync()
    {
        _nodeA = new TesseraFactory(_database);
        _nodeB = new TesseraFactory(_database) { AdminKey = _nodeA.AdminKey };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_key_deactivated_on_one_node_stops_on_the_other_within_a_second()
    {
        var admin = _nodeA.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (keyId, key) = await admin.CreateKeyAsync(account);
        var clientA = _nodeA.CreateClient();
        var clientB = _nodeB.CreateClient();

        // Both nodes now hold the key in their caches.
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetWithKeyAsync("/dojo/_probe/key", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/dojo/_probe/key", key)).StatusCode);

        await admin.PostAsync($"/admin/v1/keys/{keyId}/deactivate", null, TestContext.Current.CancellationToken);
        var revokedAt = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await clientA.GetWithKeyAsync("/dojo/_probe/key", key)).StatusCode);

        HttpStatusCode status;
        do
        {
            status = (await clientB.GetWithKeyAsync("/dojo/_probe/key", key)).StatusCode;
        }
        while (status == HttpStatusCode.OK && revokedAt.Elapsed < TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(revokedAt.Elapsed < TimeSpan.FromSeconds(1), $"node B accepted the key for {revokedAt.Elapsed.TotalMilliseconds:F0} ms");
    }
}
