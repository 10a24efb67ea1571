using Tessera.Pipelines.Actions;

namespace Tessera.Pipelines;

public static class PipelinesExtensions
{
    public static IHostApplicationBuilder AddPipelines(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PipelinesOptions>().BindConfiguration(PipelinesOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.StepTimeout > TimeSpan.Zero && o.Timeout >= o.StepTimeout, "Tessera:Pipelines: StepTimeout must be positive and Timeout at least StepTimeout.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PipelineActions>();
        builder.Services.AddSingleton<PipelineRunner>();
        builder.Services.AddSingleton<PipelineGate>();
        builder.Services.AddSingleton<StepImages>();
        builder.Services.AddSingleton<IPipelineAction, ScrapeAction>();
        builder.Services.AddSingleton<IPipelineAction, SearchAction>();
        builder.Services.AddSingleton<IPipelineAction, OcrAction>();
        builder.Services.AddSingleton<IPipelineAction, FilterAction>();
        builder.Services.AddSingleton<IPipelineAction, GenerateAction>();
        builder.Services.AddSingleton<IPipelineAction, AnalyzeAction>();
        builder.Services.AddSingleton<IPipelineAction, ReplaceAction>();
        return builder;
    }
}
