using Microsoft.Extensions.DependencyInjection;
using Tessera.Canvas;
using Tessera.Tests.Support;
using Tessera.Tests.Surfaces.OneMillionPixels;

namespace Tessera.Tests.Canvas;

/// <summary>Credit conversion is a Canvas rule for any pixel canvas (OMP's convert route only maps it), bounded by that canvas.</summary>
public sealed class PixelCreditConversionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Converting_on_any_configured_pixel_canvas_is_bounded_by_that_canvas_and_posts_exactly_the_area()
    {
        await using var factory = new TesseraFactory()
            .With("Tessera:Canvas:Canvases:omp:Width", "1000").With("Tessera:Canvas:Canvases:omp:Height", "1000").With("Tessera:Canvas:Canvases:omp:Mode", "Pixel")
            .With("Tessera:Canvas:Canvases:wall:Width", "50").With("Tessera:Canvas:Canvases:wall:Height", "40").With("Tessera:Canvas:Canvases:wall:Mode", "Pixel")
            .With("Tessera:Canvas:Canvases:bsap:Width", "100").With("Tessera:Canvas:Canvases:bsap:Height", "40").With("Tessera:Canvas:Canvases:bsap:Mode", "Placement");
        var admin = factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync("painter");
        await admin.GrantPixelCreditsAsync(account, 100m);
        var conversion = factory.Services.GetRequiredService<PixelCreditConversion>();

        var edge = await conversion.ConvertAsync("wall", account, 46, 10, Ct);
        var outside = await conversion.ConvertAsync("wall", account, 50, 0, Ct);
        var placementCanvas = await conversion.ConvertAsync("bsap", account, 0, 0, Ct);

        Assert.Equal(4, edge.Value.Claim.Width);
        Assert.Equal("wall", edge.Value.Claim.Canvas);
        Assert.Equal(16m, edge.Value.Spent);
        Assert.Equal(84m, edge.Value.Remaining);
        Assert.Equal("validation_error", outside.Error!.Code);
        Assert.Equal("not_found", placementCanvas.Error!.Code);
        Assert.Equal(84m, await admin.PixelCreditsAsync(account));
    }
}
