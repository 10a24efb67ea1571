using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tessera.Imaging;

/// <summary>The Imaging module's front door: its limits, bound from <c>Tessera:Imaging</c>.</summary>
public static class ImagingExtensions
{
    public static IHostApplicationBuilder AddImaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImagingOptions>().BindConfiguration(ImagingOptions.Section)
            .Validate(options => options.MaxBytes > 0 && options.MaxPixels > 0 && options.MaxOutputSide > 0, "Imaging limits must be positive")
            .Validate(options => options.OcrTimeout > TimeSpan.Zero && options.OcrMaxSide > 0 && options.OcrConcurrency > 0 && options.OcrMaxChars > 0,
                "Tessera:Imaging OCR limits must be positive")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOcrEngine, TesseractCliOcr>();
        builder.Services.AddSingleton<WatermarkDetector>();
        return builder;
    }
}
