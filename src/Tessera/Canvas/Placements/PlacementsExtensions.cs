using Microsoft.Extensions.Options;
using Tessera.Canvas.Rendering;
using Tessera.Imaging;
using Tessera.Payments;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>
/// Placements' registrations (called by <see cref="CanvasExtensions.AddCanvas"/>): <see cref="PlacementService"/> and
/// <see cref="PlacementRenderer"/> for the surface, this node's board, and the feed that loads and keeps it current.
/// <see cref="PlacementService"/> needs an <see cref="IInvoiceBackend"/> (the Payments module's).
/// </summary>
public static class PlacementsExtensions
{
    public static IHostApplicationBuilder AddPlacements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlacementOptions>().BindConfiguration(PlacementOptions.Section)
            .Validate(options => options.MinSize >= 1 && options.HideAfterFlags >= 1 && options.MaxUnpaidPerReserver >= 1
                && options.SatsPerPixel >= 1 && options.CompositeScale >= 1 && options.MaxStoredImageSide >= 1, "Placement limits must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<PlacementOptions>>().Value;
            var canvases = services.GetRequiredService<IOptions<CanvasOptions>>().Value.Effective;
            var definition = canvases.TryGetValue(options.Canvas, out var found) && found.Mode == CanvasMode.Placement
                ? found
                : throw new OptionsValidationException(PlacementOptions.Section, typeof(PlacementOptions), [$"Canvas '{options.Canvas}' is not a placement canvas."]);
            return new PlacementBoard(options.Canvas, definition.Width, definition.Height);
        });
        builder.Services.AddSingleton<PlacementFeedReader>();
        builder.Services.AddSingleton<PlacementFeed>();
        builder.Services.AddSingleton<IStartupTask>(services => services.GetRequiredService<PlacementFeed>());
        builder.Services.AddHostedService(services => services.GetRequiredService<PlacementFeed>());
        builder.Services.AddSingleton(services => new PlacementService(
            services.GetRequiredService<TesseraDatabase>(),
            services.GetRequiredService<IBlobStore>(),
            services.GetRequiredService<IInvoiceBackend>(),
            services.GetRequiredService<IOptions<PlacementOptions>>(),
            services.GetRequiredService<IOptions<ImagingOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PlacementService>>())
        {
            Board = services.GetRequiredService<PlacementBoard>(),
            Feed = services.GetRequiredService<PlacementFeedReader>(),
        });
        builder.Services.AddSingleton<PlacementPayments>();
        builder.Services.AddSingleton<PlacementReservations>();
        builder.Services.AddHostedService<PlacementSettlementWatcher>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<PlacementOptions>>().Value;
            var board = services.GetRequiredService<PlacementBoard>();
            var background = services.GetRequiredService<IOptions<CanvasOptions>>().Value.Effective[board.Canvas].BackgroundRgb;
            return new PlacementRenderer(board, services.GetRequiredService<IBlobStore>(), options, services.GetRequiredService<IOptions<ImagingOptions>>().Value, background);
        });
        return builder;
    }
}
