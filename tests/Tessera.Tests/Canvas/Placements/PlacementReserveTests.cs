using Microsoft.Extensions.Time.Testing;
using Tessera.Canvas.Placements;
using Tessera.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

public sealed class PlacementReserveTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = PlacementHost.NewClock();
    private readonly TesseraFactory _factory;

    public PlacementReserveTests() => _factory = PlacementHost.Configure(new TesseraFactory(), _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlacementService Placements => _factory.Placements();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_reservation_is_pending_with_an_invoice_for_one_sat_per_pixel()
    {
        var quote = (await Placements.QuoteAsync(100, 200, 20, Ct)).Value;
        Assert.True(quote.Available);
        Assert.Equal(400, quote.Sats);
        Assert.Null(quote.Nearest);

        var placement = (await Placements.ReserveAsync(PlacementHost.Request(100, 200, 20) with { Url = "https://example.com/a", Message = "hi" }, Ct)).Value;
        Assert.Equal(PlacementStatus.PendingPayment, placement.Status);
        Assert.Equal(400, placement.Sats);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), placement.ExpiresAt);

        var stored = await Placements.GetAsync(placement.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal("https://example.com/a", stored.Url);
        Assert.Equal(placement.PaymentHash, (await Placements.FindByPaymentHashAsync(placement.PaymentHash, Ct))!.PaymentHash);
        Assert.False((await Placements.QuoteAsync(110, 210, 20, Ct)).Value.Available);
    }

    [Fact]
    public async Task Taken_square_is_409_with_the_nearest_free_position()
    {
        Assert.True((await Placements.ReserveAsync(PlacementHost.Request(1000, 1000, 100), Ct)).IsSuccess);
        var taken = await Placements.ReserveAsync(PlacementHost.Request(1010, 1000, 100, ip: "203.0.113.2"), Ct);
        Assert.Equal("region_taken", taken.Error!.Code);
        Assert.Equal(409, taken.Error.Status);
        Assert.Equal(new CanvasPoint(1100, 1000), PlacementErrors.NearestOf(taken.Error));

        var available = (await Placements.AvailableAsync(1010, 1000, 100, Ct)).Value;
        Assert.False(available.Available);
        Assert.Equal(new CanvasPoint(1100, 1000), available.Nearest);
    }

    [Fact]
    public async Task Squares_that_share_an_edge_both_succeed()
    {
        Assert.True((await Placements.ReserveAsync(PlacementHost.Request(0, 0, 10), Ct)).IsSuccess);
        Assert.True((await Placements.ReserveAsync(PlacementHost.Request(10, 0, 10), Ct)).IsSuccess);
        Assert.True((await Placements.ReserveAsync(PlacementHost.Request(0, 10, 10), Ct)).IsSuccess);
        Assert.Equal("region_taken", (await Placements.ReserveAsync(PlacementHost.Request(9, 9, 10, ip: "203.0.113.9"), Ct)).Error!.Code);
    }

    [Fact]
    public async Task Expired_reservation_frees_its_region()
    {
        var first = (await Placements.ReserveAsync(PlacementHost.Request(500, 500, 50), Ct)).Value;
        Assert.False((await Placements.QuoteAsync(500, 500, 50, Ct)).Value.Available);

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await Placements.QuoteAsync(520, 520, 50, Ct)).Value.Available);
        var second = await Placements.ReserveAsync(PlacementHost.Request(520, 520, 50, ip: "203.0.113.2"), Ct);
        Assert.True(second.IsSuccess);
        Assert.Equal(PlacementStatus.Expired, (await Placements.GetAsync(first.Id, Ct))!.Status);

        // Paid too late, and the square is taken since: refused.
        Assert.Equal("region_taken", (await Placements.ActivateAsync(first.PaymentHash, Ct)).Error!.Code);
    }

    [Fact]
    public async Task The_sweep_marks_expired_reservations_and_a_late_payment_still_wins_a_free_square()
    {
        var placement = (await Placements.ReserveAsync(PlacementHost.Request(800, 800, 40), Ct)).Value;
        _time.Advance(TimeSpan.FromMinutes(16));
        // The node's own sweep may get there first (it runs on the same clock): either way, one sweep marks it.
        await _factory.Feed().SweepAsync(Ct);
        Assert.Equal(PlacementStatus.Expired, (await Placements.GetAsync(placement.Id, Ct))!.Status);

        var activation = (await Placements.ActivateAsync(placement.PaymentHash, Ct)).Value;
        Assert.True(activation.Activated);
        Assert.Equal(PlacementStatus.Active, activation.Placement.Status);
        Assert.False((await Placements.QuoteAsync(800, 800, 40, Ct)).Value.Available);
    }

    [Fact]
    public async Task Activation_happens_exactly_once()
    {
        var placement = (await Placements.ReserveAsync(PlacementHost.Request(300, 300, 30), Ct)).Value;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Placements.ActivateAsync(placement.PaymentHash, Ct)));
        Assert.Equal(1, results.Count(r => r.Value.Activated));
        Assert.All(results, r => Assert.Equal(PlacementStatus.Active, r.Value.Placement.Status));
        Assert.Equal("not_found", (await Placements.ActivateAsync(new string('0', 64), Ct)).Error!.Code);

        var stats = await Placements.StatsAsync(Ct);
        Assert.Equal(900, stats.ActivePixels);
        Assert.Equal(900, stats.SatsRaised);
        Assert.Equal(1, stats.CountsByStatus[PlacementStatus.Active]);
        Assert.Equal(900 * 100.0 / 1_000_000_000, stats.FilledPercent, 12);
    }

    [Fact]
    public async Task An_ip_or_account_holds_at_most_three_unpaid_reservations()
    {
        var held = new List<Placement>();
        for (var i = 0; i < 3; i++)
        {
            held.Add((await Placements.ReserveAsync(PlacementHost.Request(i * 100, 0, 10, ip: "198.51.100.7"), Ct)).Value);
        }

        var fourth = await Placements.ReserveAsync(PlacementHost.Request(400, 0, 10, ip: "198.51.100.7"), Ct);
        Assert.Equal("too_many_unpaid", fourth.Error!.Code);
        Assert.Equal(429, fourth.Error.Status);
        Assert.Equal((3, 0), await Placements.CountUnpaidAsync("198.51.100.7", null, Ct));

        // Paying one frees a slot.
        Assert.True((await Placements.ActivateAsync(held[0].PaymentHash, Ct)).Value.Activated);
        Assert.True((await Placements.ReserveAsync(PlacementHost.Request(400, 0, 10, ip: "198.51.100.7"), Ct)).IsSuccess);
    }

    [Theory]
    [InlineData(0, 0, 9, null, "size")]
    [InlineData(49_995, 0, 10, null, "inside")]
    [InlineData(0, 19_991, 10, null, "inside")]
    [InlineData(-1, 0, 10, null, "inside")]
    [InlineData(0, 0, 10, "http://example.com", "https")]
    [InlineData(0, 0, 10, "javascript:alert(1)", "https")]
    public async Task Bad_squares_and_urls_are_validation_errors(int x, int y, int size, string? url, string expected)
    {
        var result = await Placements.ReserveAsync(PlacementHost.Request(x, y, size) with { Url = url }, Ct);
        Assert.Equal("validation_error", result.Error!.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecodable_images_and_long_messages_are_refused()
    {
        Assert.Equal("validation_error", (await Placements.ReserveAsync(PlacementHost.Request(0, 0, 10, image: "not an image"u8.ToArray()), Ct)).Error!.Code);
        Assert.Equal("validation_error", (await Placements.ReserveAsync(PlacementHost.Request(0, 0, 10, agentImage: [1, 2, 3]), Ct)).Error!.Code);
        Assert.Equal("validation_error", (await Placements.ReserveAsync(PlacementHost.Request(0, 0, 10) with { Message = new string('m', 501) }, Ct)).Error!.Code);
    }

    [Fact]
    public async Task Flags_count_once_per_ip_and_hide_the_placement_at_five()
    {
        var placement = (await Placements.ReserveAsync(PlacementHost.Request(2000, 2000, 100), Ct)).Value;
        Assert.Equal("not_active", (await Placements.FlagAsync(placement.Id, "192.0.2.1", Ct)).Error!.Code);
        await Placements.ActivateAsync(placement.PaymentHash, Ct);

        Assert.True((await Placements.FlagAsync(placement.Id, "192.0.2.1", Ct)).Value.Counted);
        Assert.False((await Placements.FlagAsync(placement.Id, "192.0.2.1", Ct)).Value.Counted);
        for (var i = 2; i <= 4; i++)
        {
            Assert.False((await Placements.FlagAsync(placement.Id, $"192.0.2.{i}", Ct)).Value.Hidden);
        }

        var fifth = (await Placements.FlagAsync(placement.Id, "192.0.2.5", Ct)).Value;
        Assert.Equal(5, fifth.Flags);
        Assert.True(fifth.Hidden);
        Assert.Equal(PlacementStatus.Hidden, (await Placements.GetAsync(placement.Id, Ct))!.Status);
        Assert.Empty(await Placements.ListActiveAsync(Ct));
        Assert.False((await Placements.QuoteAsync(2000, 2000, 100, Ct)).Value.Available);
    }

    [Fact]
    public async Task The_database_itself_refuses_overlapping_blocking_rows()
    {
        var placement = (await Placements.ReserveAsync(PlacementHost.Request(5000, 5000, 100), Ct)).Value;
        await using var connection = await _factory.Database().OpenAsync(Ct);
        var copy = connection.Command("""
            INSERT INTO placements (id, canvas, x, y, size, status, sats, image_hash, preview, payment_hash, invoice, expires_at, created_at, updated_at, seq)
            SELECT 'plc_copy' || @n, canvas, x + @dx, y, size, @status, sats, image_hash, preview, payment_hash || @n, invoice, expires_at, created_at, updated_at, seq
            FROM placements WHERE id = @id
            """);
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            copy.With("@n", "1").With("@dx", 99).With("@status", "active").With("@id", placement.Id).ExecuteNonQueryAsync(Ct));
        Assert.True(PlacementService.IsOverlap(error));

        // Edge-sharing, and expired rows, are fine.
        copy.Parameters["@n"].Value = "2";
        copy.Parameters["@dx"].Value = 100;
        Assert.Equal(1, await copy.ExecuteNonQueryAsync(Ct));
        copy.Parameters["@n"].Value = "3";
        copy.Parameters["@dx"].Value = 50;
        copy.Parameters["@status"].Value = "expired";
        Assert.Equal(1, await copy.ExecuteNonQueryAsync(Ct));
    }
}
