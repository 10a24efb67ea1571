using System.Collections.Concurrent;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Webhooks;
using static Tessera.Tests.Webhooks.WebhookTestHost;

namespace Tessera.Tests.Webhooks;

/// <summary>Two servers on one database, both running delivery workers over one outbox.</summary>
public sealed class TwoNodeDeliveryTests : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new();

    public ValueTask InitializeAsync()
    {
        Configure(_nodes.A);
        Configure(_nodes.B);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task Two_nodes_never_deliver_one_attempt_twice()
    {
        var received = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var receiver = await LocalReceiver.StartAsync((context, request) =>
        {
            received.AddOrUpdate(request.Headers["webhook-id"], 1, (_, count) => count + 1);
            return Task.CompletedTask;
        });
        var account = NewAccount();
        var a = _nodes.A.Outbox();
        var b = _nodes.B.Outbox();

        // Both nodes enqueue (each wakes its own worker); each also finds the other's messages by polling.
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var message = await (i % 2 == 0 ? a : b).EnqueueAsync(account, $"job_{i}", "job.completed", receiver.Url.ToString(), $$"""{"n":{{i}}}""", cancellationToken: Ct);
            ids.Add(message.Value.Id);
        }

        foreach (var id in ids)
        {
            var settled = await a.SettledAsync(id);
            Assert.Equal(WebhookStatus.Delivered, settled.Status);
            Assert.Equal(1, Assert.Single(settled.Attempts).Number);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Keys.Order(StringComparer.Ordinal));
        Assert.All(received.Values, count => Assert.Equal(1, count));
    }
}
