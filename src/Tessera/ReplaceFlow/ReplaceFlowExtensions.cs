namespace Tessera.ReplaceFlow;

public static class ReplaceFlowExtensions
{
    /// <summary>
    /// The ReplaceFlow pipeline and its sources, in the order they are asked: the caller's media library, then the web
    /// through SerpApi (when a key is configured). The community library (#15) adds its <see cref="ICleanImageSource"/> here.
    /// </summary>
    public static IHostApplicationBuilder AddReplaceFlow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplaceFlowOptions>().BindConfiguration(ReplaceFlowOptions.Section)
            .Validate(o => o.MaxPageBytes > 0 && o.MaxImageBytes > 0 && o.MaxImagePixels > 0 && o.MaxImageProbes > 0 && o.MaxCandidates > 0
                && o.MaxDuration > TimeSpan.Zero && o.OcrBudget >= TimeSpan.Zero && o.MaxResults is > 0 and <= 50
                && o.SerpApi.MaxResults > 0 && o.SerpApi.Timeout > TimeSpan.Zero && o.SerpApi.Endpoint.IsAbsoluteUri,
                "Tessera:ReplaceFlow: limits must be positive, MaxResults 1–50, and SerpApi:Endpoint an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SerpApiClient>();
        builder.Services.AddSingleton<ICleanImageSource, MediaLibrarySource>();
        builder.Services.AddSingleton<ICleanImageSource, SerpApiSource>();
        builder.Services.AddSingleton<ReplaceFlowService>();
        return builder;
    }
}
