namespace Tessera.Imaging;

/// <summary>The Imaging module's front door: its limits, bound from <c>Tessera:Imaging</c>.</summary>
public static class ImagingExtensions
{
    public static IHostApplicationBuilder AddImaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.Section)
            .Validate(options => options.MaxBytes > 0 && options.MaxPixels > 0 && options.MaxOutputSide > 0, "Imaging limits must be positive")
            .ValidateOnStart();
        return builder;
    }
}
