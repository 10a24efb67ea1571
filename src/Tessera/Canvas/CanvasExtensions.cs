using Tessera.Canvas.Placements;

namespace Tessera.Canvas;

/// <summary>The Canvas module's front door: canvases from configuration and their claims.</summary>
public static class CanvasExtensions
{
    public static IHostApplicationBuilder AddCanvas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CanvasOptions>().BindConfiguration(CanvasOptions.Section)
            .Validate(options => options.Effective.Values.All(c => c.Width > 0 && c.Height > 0), "Every canvas needs a positive width and height")
            .ValidateOnStart();
        builder.Services.AddOptions<Pixels.PixelOptions>().BindConfiguration(Pixels.PixelOptions.Section)
            .Validate(o => o.HistoryDepth > 0 && o.KeptWrites > 0 && o.CompactionInterval > TimeSpan.Zero && o.MaxLinkBytes is > 0 and <= ushort.MaxValue && o.MaxConcurrentHistoryReads > 0,
                "Tessera:Canvas:Pixels: HistoryDepth, KeptWrites and CompactionInterval and MaxConcurrentHistoryReads must be positive, MaxLinkBytes 1 to 65535")
            .ValidateOnStart();
        builder.Services.AddSingleton<ClaimService>();
        builder.Services.AddSingleton<PixelCreditConversion>();
        builder.Services.AddSingleton<Pixels.CanvasRegistry>();
        builder.Services.AddSingleton<Pixels.PixelEvents>();
        builder.Services.AddSingleton<Pixels.PixelStore>();
        builder.Services.AddSingleton<Pixels.PixelFeed>();
        builder.Services.AddSingleton<Storage.IStartupTask>(services => services.GetRequiredService<Pixels.PixelFeed>());
        builder.Services.AddHostedService(services => services.GetRequiredService<Pixels.PixelFeed>());
        builder.Services.AddSingleton<Pixels.PixelCompactor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Pixels.PixelCompactor>());
        builder.AddPlacements();
        return builder;
    }
}
