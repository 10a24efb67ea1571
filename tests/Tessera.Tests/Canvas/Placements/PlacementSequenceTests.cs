using Microsoft.Extensions.Time.Testing;
using Tessera.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

public sealed class PlacementSequenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_random_sequence_of_reserves_expiries_payments_and_flags_never_leaves_two_blocking_placements_overlapping()
    {
        var time = PlacementHost.NewClock();
        await using var factory = PlacementHost.Configure(new TesseraFactory(), time);
        var placements = factory.Placements();
        var random = new Random(20250101);
        var reserved = new List<Placement>();
        var image = PlacementHost.Png(10, 120, 200);
        for (var step = 0; step < 150; step++)
        {
            var roll = random.Next(100);
            if (roll < 60)
            {
                // A crowded 400x400 corner, so most reserves collide with something.
                var size = random.Next(10, 80);
                var result = await placements.ReserveAsync(new ReserveRequest(random.Next(0, 400), random.Next(0, 400), size, image, Ip: $"10.0.{step}.1"), Ct);
                if (result.IsSuccess)
                {
                    reserved.Add(result.Value);
                }
                else
                {
                    Assert.Equal("region_taken", result.Error!.Code);
                    var nearest = PlacementErrors.NearestOf(result.Error);
                    Assert.NotNull(nearest);
                    Assert.True((await placements.QuoteAsync(nearest.Value.X, nearest.Value.Y, size, Ct)).Value.Available);
                }
            }
            else if (roll < 75)
            {
                time.Advance(TimeSpan.FromMinutes(random.Next(1, 10)));
            }
            else if (roll < 90 && reserved.Count > 0)
            {
                var activation = await placements.ActivateAsync(reserved[random.Next(reserved.Count)].PaymentHash, Ct);
                Assert.True(activation.IsSuccess || activation.Error!.Code == "region_taken");
            }
            else if (roll < 95)
            {
                await factory.Feed().SweepAsync(Ct);
            }
            else if (reserved.Count > 0)
            {
                var target = reserved[random.Next(reserved.Count)];
                for (var i = 0; i < 5; i++)
                {
                    await placements.FlagAsync(target.Id, $"172.16.0.{i}", Ct);
                }
            }

            if (step % 25 == 24)
            {
                PlacementInvariants.AssertNoBlockingOverlap(await PlacementInvariants.ReadAsync(factory, Ct));
            }
        }

        var rows = await PlacementInvariants.ReadAsync(factory, Ct);
        PlacementInvariants.AssertNoBlockingOverlap(rows);
        Assert.Contains(rows, row => row.Status == PlacementStatus.Expired);
        Assert.Contains(rows, row => row.Status == PlacementStatus.Active);
    }
}
