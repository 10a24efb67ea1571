using Tessera.Jobs;

namespace Tessera.Editing;

/// <summary>The Editing module's front door (the Live Editor): options, the renderer and its preview cache, templates, batches.</summary>
public static class EditingExtensions
{
    public static IHostApplicationBuilder AddEditing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section)
            .Validate(o => o.MaxLayers > 0 && o.MaxTextLength > 0 && o.MaxOutputPixels > 0 && o.MaxOutputSide > 0 && o.PreviewMaxSide > 0
                           && o.MaxConcurrentPreviewsPerAccount > 0 && o.PreviewCacheEntries >= 0 && o.MaxBatchIds > 0 && o.MaxActiveBatchesPerAccount > 0
                           && o.BatchDeadline > TimeSpan.Zero && o.MaxTemplatesPerAccount > 0 && o.MaxTemplateNameLength > 0,
                "Tessera:Editing: every limit must be positive (PreviewCacheEntries may be 0).")
            .ValidateOnStart();
        builder.Services.AddSingleton<EditFonts>();
        builder.Services.AddSingleton<EditParser>();
        builder.Services.AddSingleton<PreviewBaseCache>();
        builder.Services.AddSingleton<EditRenderer>();
        builder.Services.AddSingleton<PreviewGate>();
        builder.Services.AddSingleton<EditTemplates>();
        builder.Services.AddSingleton<LiveEditor>();
        builder.Services.AddSingleton<EditBatches>();
        builder.Services.AddJobHandler<BatchEditHandler>();
        return builder;
    }
}
