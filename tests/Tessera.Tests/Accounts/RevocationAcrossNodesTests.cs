using System.Diagnostics;
using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

/// <summary>Two servers on one database play two nodes: a key revoked on one stops on the other within a second.</summary>
public sealed class RevocationAcrossNodesTests : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task A_key_deactivated_on_one_node_stops_on_the_other_within_a_second()
    {
        var admin = _nodes.A.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (keyId, key) = await admin.CreateKeyAsync(account);
        var clientA = _nodes.A.CreateClient();
        var clientB = _nodes.B.CreateClient();

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
