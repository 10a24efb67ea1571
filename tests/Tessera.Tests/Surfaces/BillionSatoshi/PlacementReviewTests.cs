using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas.Placements;
using Tessera.Cli;
using Tessera.Client;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary>The operator's review of flagged placements: <c>/admin/v1/placements/...</c> and <c>tessera admin placements</c>.</summary>
public sealed class PlacementReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A paid, active 10×10 placement at (x, 0), flagged by <paramref name="flags"/> distinct IPs (5 hide it).</summary>
    private static async Task<string> FlaggedAsync(BsapHost host, int x, int flags)
    {
        var pending = await host.ReserveAsync(x, 0, 10);
        var paid = await host.RetryAsync(x, 0, 10, BsapHost.SeedCredential(await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!)));
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var id = pending.GetProperty("id").GetString()!;
        for (var i = 1; i <= flags; i++)
        {
            Assert.True((await host.Factory.Placements().FlagAsync(id, $"198.51.100.{i}", Ct)).IsSuccess);
        }

        return id;
    }

    [Fact]
    public async Task The_operator_lists_hidden_placements_first_and_restores_one_to_the_canvas_with_its_flags_cleared()
    {
        await using var host = BsapHost.Create();
        var hidden = await FlaggedAsync(host, 0, 5);
        var flagged = await FlaggedAsync(host, 100, 2);
        await FlaggedAsync(host, 200, 0);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/bsap/api/placements/{hidden}/image", Ct)).StatusCode);

        var list = await (await host.Admin.GetAsync("/admin/v1/placements/flagged", Ct)).ReadJsonAsync();
        Assert.Equal([(hidden, "hidden", 5), (flagged, "active", 2)],
            list.GetProperty("placements").EnumerateArray().Select(p => (p.GetProperty("id").GetString(), p.GetProperty("status").GetString(), p.GetProperty("flags").GetInt32())));
        var onlyHidden = await (await host.Admin.GetAsync("/admin/v1/placements/flagged?status=hidden", Ct)).ReadJsonAsync();
        Assert.Equal(hidden, Assert.Single(onlyHidden.GetProperty("placements").EnumerateArray()).GetProperty("id").GetString());
        var image = await host.Admin.GetAsync(list.GetProperty("placements")[0].GetProperty("image_url").GetString(), Ct);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);

        var restored = await host.Admin.PostAsync($"/admin/v1/placements/{hidden}/restore", null, Ct);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var body = await restored.ReadJsonAsync();
        Assert.Equal(("active", 0), (body.GetProperty("status").GetString(), body.GetProperty("flags").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/bsap/api/placements/{hidden}/image", Ct)).StatusCode);

        // The IPs that flagged it may flag it again: one flag, not hidden.
        var again = await host.Client.PostAsync($"/bsap/api/placements/{hidden}/flag", null, Ct);
        Assert.Equal(1, (await again.ReadJsonAsync()).GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task A_removed_placement_leaves_the_canvas_its_square_is_for_sale_again_and_its_sats_stay_raised()
    {
        await using var host = BsapHost.Create();
        var id = await FlaggedAsync(host, 0, 5);
        var raised = (await (await host.Client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync()).GetProperty("stats").GetProperty("satsRaised").GetInt64();

        var removed = await host.Admin.PostAsync($"/admin/v1/placements/{id}/remove", null, Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("removed", (await removed.ReadJsonAsync()).GetProperty("status").GetString());

        // A late settlement notice (the invoice backend's watcher) does not put a removed placement back.
        var placement = (await host.Factory.Placements().GetAsync(id, Ct))!;
        await host.Factory.Services.GetRequiredService<PlacementPayments>().SettleAsync(placement.PaymentHash, Ct);
        Assert.Equal(PlacementStatus.Removed, (await host.Factory.Placements().GetAsync(id, Ct))!.Status);

        var quote = await (await host.Client.PostAsync("/bsap/api/placements/quote", Json("""{"x":0,"y":0,"size":10}"""), Ct)).ReadJsonAsync();
        Assert.True(quote.GetProperty("available").GetBoolean());
        Assert.Equal(raised, (await (await host.Client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync()).GetProperty("stats").GetProperty("satsRaised").GetInt64());
        Assert.Empty((await (await host.Admin.GetAsync("/admin/v1/placements/flagged", Ct)).ReadJsonAsync()).GetProperty("placements").EnumerateArray());

        // Removed is final: neither restore nor remove again, and the ledger still balances.
        var restore = await host.Admin.PostAsync($"/admin/v1/placements/{id}/restore", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Equal("not_reviewable", (await restore.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.PostAsync("/admin/v1/placements/plc_nope/remove", null, Ct)).StatusCode);
        Assert.True((await host.AuditAsync()).GetProperty("ok").GetBoolean());

        // Someone else buys the square.
        await FlaggedAsync(host, 0, 0);
    }

    [Fact]
    public async Task Only_the_operator_reviews_placements()
    {
        await using var host = BsapHost.Create();
        var id = await FlaggedAsync(host, 0, 5);
        var admin = host.Factory.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync(await admin.CreateAccountAsync());
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin/v1/placements/flagged"), (HttpMethod.Post, $"/admin/v1/placements/{id}/restore"), (HttpMethod.Post, $"/admin/v1/placements/{id}/remove") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(new HttpRequestMessage(method, path), Ct)).StatusCode);
            var withKey = await host.Client.SendAsync(new HttpRequestMessage(method, path).WithKey(key), Ct);
            Assert.True(withKey.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{method} {path}: {withKey.StatusCode}");
        }

        Assert.Equal("hidden", (await host.Factory.Placements().GetAsync(id, Ct))!.Status);
    }

    [Fact]
    public async Task The_cli_lists_flagged_placements_and_removes_one()
    {
        await using var host = BsapHost.Create();
        var id = await FlaggedAsync(host, 0, 5);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var app = CliApp.Create(new CliEnvironment(output, error, (_, key) => new TesseraAdminClient(host.Factory.CreateClient(), key),
            name => name == "TESSERA_ADMIN_KEY" ? host.Factory.AdminKey : null, (_, _) => Task.CompletedTask));

        Assert.Equal(0, await app.RunAsync(["admin", "placements", "flagged", "--hidden"], Ct));
        Assert.Matches($@"{id}\s+hidden\s+5\s+0\s+0\s+10\s+100\s+https://example.com/agent", output.ToString());

        output.GetStringBuilder().Clear();
        Assert.Equal(0, await app.RunAsync(["admin", "placements", "remove", id], Ct));
        Assert.Contains("status:  removed", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(PlacementStatus.Removed, (await host.Factory.Placements().GetAsync(id, Ct))!.Status);

        Assert.Equal(1, await app.RunAsync(["admin", "placements", "restore", id], Ct));
        Assert.Contains("error: not_reviewable:", error.ToString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
