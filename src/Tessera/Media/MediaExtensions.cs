using Microsoft.Extensions.Options;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>The Media module's front door: options, its own blob store, the library services and its two workers.</summary>
public static class MediaExtensions
{
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxImagePixels > 0 && o.MaxAssetsPerAccount > 0 && o.MaxTagsPerAsset > 0
                           && o.MaxTagLength > 0 && o.MaxNameLength > 0 && o.MaxFoldersPerAccount > 0 && o.MaxCollectionsPerAccount > 0
                           && o.MaxIdsPerCall > 0 && o.MaxStockListsPerAccount > 0 && o.MaxItemsPerStockList > 0 && o.MaxStockSavePerCall > 0 && o.TrashRetention > TimeSpan.Zero && o.TrashSweepInterval > TimeSpan.Zero,
                "Tessera:Media: every limit, the trash retention and the sweep interval must be positive.")
            .ValidateOnStart();
        builder.Services.AddKeyedSingleton<IBlobStore>(MediaBlobs.Key, (services, _) =>
            new FileSystemBlobStore(Path.Combine(services.GetRequiredService<IOptions<StorageOptions>>().Value.Data, "media")));
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<MediaFolderStore>();
        builder.Services.AddSingleton<MediaCollectionStore>();
        builder.Services.AddSingleton<MediaAnalysisSignal>();
        builder.Services.AddSingleton<MediaAnalyzer>();
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddSingleton<MediaNearDuplicates>();
        builder.Services.AddSingleton<MediaShares>();
        builder.Services.AddSingleton<MediaStockStore>();
        builder.Services.AddSingleton<MediaStock>();
        builder.Services.AddSingleton<MediaFetcher>();
        builder.Services.AddSingleton<MediaWatermarks>();
        builder.Services.AddSingleton<MediaArchive>();
        builder.Services.AddSingleton<MediaFileReader>();
        builder.Services.AddSingleton<MediaLinks>();
        builder.Services.AddSingleton<JobLinks>();
        builder.Services.AddSingleton<JobFiles>();
        builder.Services.AddSingleton<MediaDerivatives>();
        builder.Services.AddSingleton<MediaAnalysisWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MediaAnalysisWorker>());
        builder.Services.AddSingleton<MediaTrashSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MediaTrashSweeper>());
        return builder;
    }
}
