using Tessera.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

public sealed class PlacementRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReserveRequest Racer(int i) => PlacementHost.Request(3000 + i * 3, 3000 + i * 2, 60, ip: $"203.0.113.{i + 1}");

    [Fact]
    public async Task Sixteen_racing_reservations_of_overlapping_squares_let_exactly_one_through()
    {
        await using var factory = PlacementHost.Configure(new TesseraFactory(), PlacementHost.NewClock());
        var placements = factory.Placements();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => placements.ReserveAsync(Racer(i), Ct), Ct)));
        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("region_taken", r.Error!.Code));
        Assert.Equal(1, await PlacementInvariants.CountBlockingAsync(factory, Ct));
    }

    [Fact]
    public async Task Racing_reservations_on_two_nodes_let_exactly_one_through()
    {
        await using var nodes = new TwoNodes();
        var time = PlacementHost.NewClock();
        PlacementHost.Configure(nodes.A, time);
        PlacementHost.Configure(nodes.B, time);
        var a = nodes.A.Placements();
        var b = nodes.B.Placements();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).ReserveAsync(Racer(i), Ct), Ct)));
        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("region_taken", r.Error!.Code));
        Assert.Equal(1, await PlacementInvariants.CountBlockingAsync(nodes.A, Ct));

        // Each node's board learns the other's placement (the loser's node caught up before answering; the feed does the rest).
        var winner = results.Single(r => r.IsSuccess).Value;
        for (var i = 0; i < 50 && ((await a.QuoteAsync(winner.X, winner.Y, 10, Ct)).Value.Available || (await b.QuoteAsync(winner.X, winner.Y, 10, Ct)).Value.Available); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.False((await a.QuoteAsync(winner.X, winner.Y, 10, Ct)).Value.Available);
        Assert.False((await b.QuoteAsync(winner.X, winner.Y, 10, Ct)).Value.Available);
    }
}
