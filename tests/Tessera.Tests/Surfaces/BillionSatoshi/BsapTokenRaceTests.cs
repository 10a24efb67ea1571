using System.Net;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;
using Tessera.Tests.Verification;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary>
/// Check token → reserve → spend is one rule (Canvas' PlacementReservations): the token is spent inside the
/// reservation's transaction, so one token never leaves a reservation behind that it did not pay for.
/// </summary>
public sealed class BsapTokenRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_placements_racing_with_one_token_reserve_exactly_once_and_leave_no_orphaned_reservation()
    {
        await using var verify = VerificationHost.Create(configure: factory => factory
            .With("Tessera:Canvas:Placements:MaxUnpaidPerReserver", "50")
            .With("Tessera:RateLimits:Policies:bsap-placements:0:Kind", "FixedWindow")
            .With("Tessera:RateLimits:Policies:bsap-placements:0:Limit", "100")
            .With("Tessera:RateLimits:Policies:bsap-placements:0:Window", "01:00:00")
            .With("Tessera:RateLimits:Policies:bsap-placements:0:Partition", "Ip"));
        var token = await verify.SolvedTokenAsync();

        // Ten squares that do not overlap: only the token can refuse them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => verify.Client.PostAsync("/bsap/api/placements", BsapHost.Form(i * 20, 0, 10, token: token), Ct), Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.PaymentRequired);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.PaymentRequired))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("verification_token_spent", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        }

        var rows = await PlacementInvariants.ReadAsync(verify.Factory, Ct);
        Assert.Single(rows);
        Assert.Equal("pending_payment", rows[0].Status);
    }
}
