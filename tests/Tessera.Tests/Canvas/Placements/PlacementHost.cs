using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetVips;
using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Payments;
using Tessera.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

/// <summary>A Tessera node with a controllable clock and fake invoices, and the placement services it runs.</summary>
internal static class PlacementHost
{
    public static TesseraFactory Configure(TesseraFactory factory, FakeTimeProvider time) =>
        factory.WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IInvoiceBackend>(new FakeInvoices(time));
        });

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static PlacementService Placements(this TesseraFactory factory) => factory.Services.GetRequiredService<PlacementService>();

    public static PlacementRenderer Renderer(this TesseraFactory factory) => factory.Services.GetRequiredService<PlacementRenderer>();

    public static TesseraDatabase Database(this TesseraFactory factory) => factory.Services.GetRequiredService<TesseraDatabase>();

    internal static PlacementFeed Feed(this TesseraFactory factory) => factory.Services.GetRequiredService<PlacementFeed>();

    /// <summary>A solid-colour PNG (an upload as a client would send it).</summary>
    public static byte[] Png(byte r, byte g, byte b, int side = 16)
    {
        using var black = Image.Black(side, side, bands: 3);
        using var colored = black.NewFromImage(r, g, b);
        using var cast = colored.Cast(Enums.BandFormat.Uchar);
        return cast.PngsaveBuffer();
    }

    public static ReserveRequest Request(int x, int y, int size, string ip = "203.0.113.1", byte[]? image = null, byte[]? agentImage = null) =>
        new(x, y, size, image ?? Png(200, 30, 30), agentImage, Ip: ip);
}
