namespace Tessera.Canvas;

/// <summary>The Canvas module's front door: canvases from configuration and their claims.</summary>
public static class CanvasExtensions
{
    public static IHostApplicationBuilder AddCanvas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CanvasOptions>().BindConfiguration(CanvasOptions.Section)
            .Validate(options => options.Effective.Values.All(c => c.Width > 0 && c.Height > 0), "Every canvas needs a positive width and height")
            .ValidateOnStart();
        builder.Services.AddSingleton<ClaimService>();
        return builder;
    }
}
