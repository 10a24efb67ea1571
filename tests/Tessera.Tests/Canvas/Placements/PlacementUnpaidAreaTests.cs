using Microsoft.Extensions.Time.Testing;
using Tessera.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>
/// Reservation squatting (issue #11): one IP held 90% of the 50,000×20,000 canvas unpaid with two 20,000² and one
/// 10,000² reservations renewed every 15 minutes. Unpaid pixels are capped per IP and per account (by default a tenth
/// of the canvas, 100,000,000 pixels).
/// </summary>
public sealed class PlacementUnpaidAreaTests
{
    private readonly FakeTimeProvider _time = PlacementHost.NewClock();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_ip_cannot_hold_more_than_a_tenth_of_the_canvas_unpaid_by_default()
    {
        await using var factory = PlacementHost.Configure(new TesseraFactory(), _time);
        var placements = factory.Placements();

        var squat = await placements.ReserveAsync(PlacementHost.Request(0, 0, 20_000, ip: "192.0.2.66"), Ct);
        Assert.Equal("unpaid_area_exceeded", squat.Error!.Code);
        Assert.Equal(429, squat.Error.Status);

        Assert.True((await placements.ReserveAsync(PlacementHost.Request(0, 0, 10_000, ip: "192.0.2.66"), Ct)).IsSuccess);
        var more = await placements.ReserveAsync(PlacementHost.Request(20_000, 0, 10, ip: "192.0.2.66"), Ct);
        Assert.Equal("unpaid_area_exceeded", more.Error!.Code);
        Assert.Contains("100000000", more.Error.Message, StringComparison.Ordinal);

        // Another IP is not affected.
        Assert.True((await placements.ReserveAsync(PlacementHost.Request(20_000, 0, 10, ip: "192.0.2.67"), Ct)).IsSuccess);
    }

    [Fact]
    public async Task The_account_cap_counts_reservations_from_every_ip()
    {
        await using var factory = PlacementHost.Configure(new TesseraFactory(), _time)
            .With("Tessera:Canvas:Placements:MaxUnpaidPixelsPerAccount", "15000");
        var placements = factory.Placements();

        Assert.True((await placements.ReserveAsync(PlacementHost.Request(0, 0, 100, ip: "192.0.2.1") with { AccountId = "acc_squat" }, Ct)).IsSuccess);
        var second = await placements.ReserveAsync(PlacementHost.Request(200, 0, 100, ip: "192.0.2.2") with { AccountId = "acc_squat" }, Ct);

        Assert.Equal("unpaid_area_exceeded", second.Error!.Code);
        Assert.Contains("account", second.Error.Message, StringComparison.Ordinal);
        Assert.True((await placements.ReserveAsync(PlacementHost.Request(200, 0, 70, ip: "192.0.2.2") with { AccountId = "acc_squat" }, Ct)).IsSuccess);
    }

    [Fact]
    public async Task Paying_or_expiry_gives_the_area_back()
    {
        await using var factory = PlacementHost.Configure(new TesseraFactory(), _time)
            .With("Tessera:Canvas:Placements:MaxUnpaidPixelsPerIp", "10000");
        var placements = factory.Placements();
        var first = (await placements.ReserveAsync(PlacementHost.Request(0, 0, 100), Ct)).Value;
        Assert.Equal("unpaid_area_exceeded", (await placements.ReserveAsync(PlacementHost.Request(200, 0, 100), Ct)).Error!.Code);

        Assert.True((await placements.ActivateAsync(first.PaymentHash, Ct)).Value.Activated);
        var second = (await placements.ReserveAsync(PlacementHost.Request(200, 0, 100), Ct)).Value;
        Assert.Equal(PlacementStatus.PendingPayment, second.Status);
        Assert.False((await placements.ReserveAsync(PlacementHost.Request(400, 0, 100), Ct)).IsSuccess);

        _time.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await placements.ReserveAsync(PlacementHost.Request(400, 0, 100), Ct)).IsSuccess);
    }
}
