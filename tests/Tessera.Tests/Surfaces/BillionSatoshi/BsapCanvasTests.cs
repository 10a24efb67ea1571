using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary>The /bsap reads and small routes: availability, quote, flag, QR, tiles, the gated agent layer, limits.</summary>
public sealed class BsapCanvasTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quote_and_available_have_no_side_effects_and_give_the_nearest_free_position()
    {
        await using var host = BsapHost.Create();
        var free = await (await host.Client.PostAsJsonAsync("/bsap/api/placements/quote", new { x = 1000, y = 1000, size = 100 }, Ct)).ReadJsonAsync();
        var again = await (await host.Client.PostAsJsonAsync("/bsap/api/placements/quote", new { x = 1000, y = 1000, size = 100 }, Ct)).ReadJsonAsync();
        Assert.True(free.GetProperty("available").GetBoolean());
        Assert.True(again.GetProperty("available").GetBoolean());
        Assert.Equal(10000, free.GetProperty("sats").GetInt64());
        Assert.Equal(10000, free.GetProperty("pixels").GetInt64());

        await host.ReserveAsync(1000, 1000, 100);
        var taken = await (await host.Client.PostAsJsonAsync("/bsap/api/placements/quote", new { x = 1010, y = 1000, size = 100 }, Ct)).ReadJsonAsync();
        var available = await (await host.Client.GetAsync("/bsap/api/canvas/available?x=1010&y=1000&size=100", Ct)).ReadJsonAsync();
        var bad = await host.Client.GetAsync("/bsap/api/canvas/available?x=a&y=0&size=10", Ct);

        Assert.False(taken.GetProperty("available").GetBoolean());
        Assert.Equal(1100, taken.GetProperty("nearest").GetProperty("x").GetInt32());
        Assert.Equal(1000, taken.GetProperty("nearest").GetProperty("y").GetInt32());
        Assert.False(available.GetProperty("available").GetBoolean());
        Assert.Equal(1100, available.GetProperty("nearest").GetProperty("x").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("validation_error", (await bad.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sixth_reservation_in_an_hour_is_429_but_refused_requests_and_the_paid_retry_are_not_counted()
    {
        await using var host = BsapHost.Create(configure: f => f.With("Tessera:Canvas:Placements:MaxUnpaidPerReserver", "10"));
        var pending = await host.ReserveAsync(0, 0, 10);

        // DECISIONS (Wave-1): refused requests — invalid (400), taken (409), too many unpaid (429) — use up nothing.
        for (var i = 0; i < 6; i++)
        {
            var invalid = await host.Client.PostAsync("/bsap/api/placements", new MultipartFormDataContent { { new StringContent("1"), "x" } }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        var taken = await host.PostPlacementAsync(5, 5, 10);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        var preimage = await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);
        var paid = await host.RetryAsync(0, 0, 10, BsapHost.SeedCredential(preimage));
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);

        for (var i = 1; i < 5; i++)
        {
            await host.ReserveAsync(i * 20, 0, 10, i % 2 == 0 ? "?flow=invoice" : null);
        }

        var sixth = await host.PostPlacementAsync(200, 0, 10);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await sixth.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Fourth_unpaid_reservation_is_refused()
    {
        await using var host = BsapHost.Create();
        for (var i = 0; i < 3; i++)
        {
            await host.ReserveAsync(i * 20, 0, 10);
        }

        var fourth = await host.PostPlacementAsync(100, 0, 10);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("too_many_unpaid", (await fourth.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Squatting_most_of_the_canvas_unpaid_is_refused_in_the_bsap_error_shape()
    {
        await using var host = BsapHost.Create();
        await host.ReserveAsync(0, 0, 10_000);

        var second = await host.PostPlacementAsync(10_000, 0, 10_000);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var body = await second.ReadJsonAsync();
        Assert.Equal("unpaid_area_exceeded", body.GetProperty("code").GetString());
        Assert.Contains("100000000", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_carry_codes()
    {
        await using var host = BsapHost.Create();
        var noImage = await host.Client.PostAsync("/bsap/api/placements", new MultipartFormDataContent { { new StringContent("1"), "x" } }, Ct);
        var outside = await host.PostPlacementAsync(49_995, 0, 10);
        var json = await host.Client.PostAsJsonAsync("/bsap/api/placements", new { x = 1 }, Ct);

        Assert.Equal("validation_error", (await noImage.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("validation_error", (await outside.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
    }

    [Fact]
    public async Task A_placement_is_flagged_once_per_ip()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(0, 0, 10);
        var id = pending.GetProperty("id").GetString()!;
        var early = await host.Client.PostAsync($"/bsap/api/placements/{id}/flag", null, Ct);
        await host.RetryAsync(0, 0, 10, BsapHost.SeedCredential(await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!)));

        var first = await host.Client.PostAsync($"/bsap/api/placements/{id}/flag", null, Ct);
        var second = await host.Client.PostAsync($"/bsap/api/placements/{id}/flag", null, Ct);
        var unknown = await host.Client.PostAsync("/bsap/api/placements/plc_nope/flag", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.ReadJsonAsync()).GetProperty("flags").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("already_flagged", (await second.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Qr_is_a_png_and_data_is_bounded()
    {
        await using var host = BsapHost.Create();
        var qr = await host.Client.GetAsync("/bsap/api/qr?data=lnbcrt100n1test", Ct);
        var missing = await host.Client.GetAsync("/bsap/api/qr", Ct);
        var huge = await host.Client.GetAsync("/bsap/api/qr?data=" + new string('a', 2001), Ct);

        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        using var image = NetVips.Image.NewFromBuffer(await qr.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(image.Width > 50);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
    }

    [Fact]
    public async Task Tiles_and_the_composite_answer_etags_and_304_and_bad_tiles_404()
    {
        await using var host = BsapHost.Create();
        var tile = await host.Client.GetAsync("/bsap/api/canvas/tiles/0/0/0.png", Ct);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        var (width, height, _) = PngReader.Read(await tile.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((256, 256), (width, height));

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/bsap/api/canvas/tiles/0/0/0.png");
        conditional.Headers.IfNoneMatch.Add(tile.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(conditional, Ct)).StatusCode);

        var image = await host.Client.GetAsync("/bsap/api/canvas/image", Ct);
        var cached = new HttpRequestMessage(HttpMethod.Get, "/bsap/api/canvas/image");
        cached.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(cached, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/bsap/api/canvas/tiles/9/0/0.png", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/bsap/api/canvas/tiles/0/1/0.png", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/bsap/api/canvas/tiles/0/0/x.png", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/bsap/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task Agent_image_is_gated_until_the_canvas_is_95_percent_full_then_public_for_good()
    {
        await using var host = BsapHost.Create(configure: f => f
            .With("Tessera:Canvas:Canvases:omp:Width", "1000").With("Tessera:Canvas:Canvases:omp:Height", "1000").With("Tessera:Canvas:Canvases:omp:Mode", "Pixel")
            .With("Tessera:Canvas:Canvases:bsap:Width", "100").With("Tessera:Canvas:Canvases:bsap:Height", "40").With("Tessera:Canvas:Canvases:bsap:Mode", "Placement")
            .With("Tessera:Canvas:Placements:MaxUnpaidPixelsPerIp", "4000")); // one IP fills this small canvas: lift the default tenth
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/bsap/api/canvas/agent-image", Ct)).StatusCode);

        foreach (var (x, y, size) in new[] { (0, 0, 40), (40, 0, 40), (80, 0, 20) })
        {
            var pending = await host.ReserveAsync(x, y, size);
            await host.RetryAsync(x, y, size, BsapHost.SeedCredential(await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/bsap/api/canvas/agent-image", Ct)).StatusCode);
        var last = await host.ReserveAsync(80, 20, 20);
        await host.RetryAsync(80, 20, 20, BsapHost.SeedCredential(await host.PayAsync(last.GetProperty("payment").GetProperty("lightningInvoice").GetString()!)));

        var open = await host.Client.GetAsync("/bsap/api/canvas/agent-image", Ct);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("image/png", open.Content.Headers.ContentType!.MediaType);
        var canvas = await (await host.Client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync();
        Assert.True(canvas.GetProperty("agentLayerRevealed").GetBoolean());
        Assert.Equal(100, canvas.GetProperty("stats").GetProperty("filledPercent").GetDouble());
    }
}
