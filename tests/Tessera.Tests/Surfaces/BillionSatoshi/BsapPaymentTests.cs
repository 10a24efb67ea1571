using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.Support;
using Tessera.Tests.Verification;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary><c>POST /bsap/api/placements</c> and its payment flows with the dev wallet: MPP 402 (both credential forms), 202 + confirm, polling.</summary>
public sealed class BsapPaymentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mpp_flow_with_the_seed_credential_activates_the_placement_and_draws_it()
    {
        await using var host = BsapHost.Create();

        var first = await host.PostPlacementAsync(1000, 500, 100, color: (0, 0, 255));
        Assert.Equal(HttpStatusCode.PaymentRequired, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.NoStore);
        var pending = await first.ReadJsonAsync();
        Assert.Equal("pending_payment", pending.GetProperty("status").GetString());
        var challenge = BsapHost.Challenge(first);
        Assert.Equal("lightning", challenge["method"]);
        Assert.Equal("charge", challenge["intent"]);
        var invoice = challenge["invoice"];
        Assert.Equal(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString(), invoice);
        Assert.StartsWith("lnbcrt", invoice, StringComparison.Ordinal);
        var request = JsonDocument.Parse(BsapHost.FromBase64Url(challenge["request"])).RootElement;
        Assert.Equal("10000", request.GetProperty("amount").GetString());
        Assert.Equal("sat", request.GetProperty("currency").GetString());
        Assert.Equal(invoice, request.GetProperty("methodDetails").GetProperty("invoice").GetString());

        var preimage = await host.PayAsync(invoice);
        var paid = await host.RetryAsync(1000, 500, 100, BsapHost.SeedCredential(preimage));

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var body = await paid.ReadJsonAsync();
        var id = pending.GetProperty("id").GetString();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal("paid", body.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal("mpp", body.GetProperty("payment").GetProperty("method").GetString());
        Assert.Equal("active", (await host.StatusAsync(id!)).GetProperty("status").GetString());

        var canvas = await (await host.Client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync();
        var listed = Assert.Single(canvas.GetProperty("placements").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(10000, canvas.GetProperty("stats").GetProperty("satsRaised").GetInt64());
        Assert.Equal("open", canvas.GetProperty("mode").GetString());
        Assert.Equal(50000, canvas.GetProperty("canvas").GetProperty("width").GetInt32());
        var image = await host.Client.GetAsync(listed.GetProperty("imageUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var composite = PngReader.Read(await host.Client.GetByteArrayAsync("/bsap/api/canvas/image", Ct));
        Assert.Equal((1000, 400), (composite.Width, composite.Height));
        Assert.Equal("#0000FF", PngReader.ColorAt(composite, 1000 / 50, 500 / 50));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(composite, 1000 / 50 + 2, 500 / 50));
        Assert.True((await host.AuditAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Mpp_flow_with_the_draft_credential_answers_a_payment_receipt()
    {
        await using var host = BsapHost.Create();
        var first = await host.PostPlacementAsync(0, 0, 20);
        var challenge = BsapHost.Challenge(first);
        var preimage = await host.PayAsync(challenge["invoice"]);
        var echoed = new Dictionary<string, string>
        {
            ["id"] = challenge["id"],
            ["realm"] = challenge["realm"],
            ["method"] = challenge["method"],
            ["intent"] = challenge["intent"],
            ["request"] = challenge["request"],
            ["expires"] = challenge["expires"],
        };

        var forged = new Dictionary<string, string>(echoed) { ["realm"] = "evil.example" };
        var refused = await host.RetryAsync(0, 0, 20, "Payment " + BsapHost.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { challenge = forged, payload = new { preimage } })));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_challenge", (await refused.ReadJsonAsync()).GetProperty("code").GetString());

        var paid = await host.RetryAsync(0, 0, 20, "Payment " + BsapHost.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { challenge = echoed, payload = new { preimage } })));

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var receipt = JsonDocument.Parse(BsapHost.FromBase64Url(Assert.Single(paid.Headers.GetValues("Payment-Receipt")))).RootElement;
        Assert.Equal("success", receipt.GetProperty("status").GetString());
        Assert.Equal("lightning", receipt.GetProperty("method").GetString());
        Assert.Equal(challenge["id"], receipt.GetProperty("challengeId").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(preimage))), receipt.GetProperty("reference").GetString());
        Assert.True(receipt.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Raw_preimage_bytes_are_accepted_and_repeating_a_preimage_activates_and_records_sats_once()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(40, 40, 10);
        var preimage = await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);
        var raw = "Payment credential=\"" + BsapHost.Base64Url(Convert.FromHexString(preimage)) + "\"";

        var first = await host.RetryAsync(40, 40, 10, raw);
        var second = await host.RetryAsync(40, 40, 10, raw);
        var confirm = await host.Client.PostAsJsonAsync($"/bsap/api/placements/{pending.GetProperty("id").GetString()}/confirm", new { preimage }, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("active", (await confirm.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.True((await host.AuditAsync()).GetProperty("ok").GetBoolean());
        var canvas = await (await host.Client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync();
        Assert.Equal(100, canvas.GetProperty("stats").GetProperty("satsRaised").GetInt64());
    }

    [Fact]
    public async Task Invoice_flow_answers_202_and_confirm_activates_with_the_preimage()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(100, 100, 10, "?flow=invoice");
        var id = pending.GetProperty("id").GetString()!;
        var invoice = pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!;
        var preimage = await host.PayAsync(invoice);

        var wrong = await host.Client.PostAsJsonAsync($"/bsap/api/placements/{id}/confirm", new { preimage = new string('0', 64) }, Ct);
        var malformed = await host.Client.PostAsJsonAsync($"/bsap/api/placements/{id}/confirm", new { preimage = "xyz" }, Ct);
        var confirmed = await host.Client.PostAsJsonAsync($"/bsap/api/placements/{id}/confirm", new { preimage }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_preimage", (await wrong.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await confirmed.ReadJsonAsync();
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal("paid", body.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal("mpp", body.GetProperty("payment").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Wrong_preimage_on_the_retry_is_400_and_activates_nothing()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(0, 0, 10);

        var wrong = await host.RetryAsync(0, 0, 10, BsapHost.SeedCredential(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        var garbage = await host.RetryAsync(0, 0, 10, "Payment credential=\"!!!\"");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_preimage", (await wrong.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("malformed_credential", (await garbage.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("pending_payment", (await host.StatusAsync(pending.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Polling_turns_active_when_paid_through_the_admin_route_only()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(200, 200, 10);
        var id = pending.GetProperty("id").GetString()!;
        Assert.Equal("pending", (await host.StatusAsync(id)).GetProperty("payment").GetProperty("status").GetString());

        await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);

        var status = await host.StatusAsync(id);
        Assert.Equal("active", status.GetProperty("status").GetString());
        Assert.Equal("paid", status.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(pending.GetProperty("payment").GetProperty("paymentHash").GetString(), status.GetProperty("payment").GetProperty("paymentHash").GetString());
        Assert.True((await host.AuditAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Settlement_watch_activates_a_paid_placement_without_any_client_call()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(300, 300, 10);
        await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);

        var placements = host.Factory.Services.GetRequiredService<Tessera.Canvas.Placements.PlacementService>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await placements.GetAsync(pending.GetProperty("id").GetString()!, Ct))!.Status != "active")
        {
            Assert.True(DateTime.UtcNow < deadline, "The settlement watch did not activate the placement.");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Overlapping_posts_racing_get_one_402_and_409_region_taken_with_nearest()
    {
        await using var host = BsapHost.Create(configure: f => f.With("Tessera:Canvas:Placements:MaxUnpaidPerReserver", "10"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.PostPlacementAsync(500 + i, 500, 50)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.PaymentRequired);
        var taken = responses.Where(r => r.StatusCode != HttpStatusCode.PaymentRequired).ToList();
        Assert.All(taken, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in taken)
        {
            var body = await response.ReadJsonAsync();
            Assert.Equal("region_taken", body.GetProperty("code").GetString());
            Assert.Equal(JsonValueKind.Object, body.GetProperty("nearest").ValueKind);
        }
    }

    [Fact]
    public async Task Agent_mode_places_with_a_solved_verification_token_once()
    {
        await using var verify = VerificationHost.Create();
        var token = await verify.SolvedTokenAsync();

        var without = await verify.Client.PostAsync("/bsap/api/placements", BsapHost.Form(0, 0, 10), Ct);
        var placed = await verify.Client.PostAsync("/bsap/api/placements", BsapHost.Form(0, 0, 10, token: token), Ct);
        var again = await verify.Client.PostAsync("/bsap/api/placements", BsapHost.Form(20, 0, 10, token: token), Ct);
        var agentImage = new HttpRequestMessage(HttpMethod.Get, "/bsap/api/canvas/agent-image");
        agentImage.Headers.Add("x-verify-token", token);
        var image = await verify.Client.SendAsync(agentImage, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal("verification_required", (await without.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.PaymentRequired, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("verification_token_spent", (await again.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
    }

    [Fact]
    public async Task Idempotency_key_replays_the_202_reservation()
    {
        await using var host = BsapHost.Create();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/bsap/api/placements?flow=invoice") { Content = BsapHost.Form(0, 0, 10) };
            request.Headers.Add("Idempotency-Key", "place-once");
            return request;
        }

        var first = await host.Client.SendAsync(Request(), Ct);
        var second = await host.Client.SendAsync(Request(), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetString(), (await second.ReadJsonAsync()).GetProperty("id").GetString());
    }
}
