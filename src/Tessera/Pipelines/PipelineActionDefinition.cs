using System.Text.Json.Nodes;
using Tessera.Common;

namespace Tessera.Pipelines;

/// <summary>A field of an action's output, as later steps reference it (<c>$step.field</c>).</summary>
public sealed record PipelineOutput(string Name, string Type, string Description);

/// <summary>What an action is called, what it needs (the key's scope and its params) and what it gives.</summary>
public sealed record PipelineActionDefinition(
    string Name, string Description, string Scope, IReadOnlyList<PipelineParam> Params, IReadOnlyList<PipelineOutput> Outputs)
{
    public PipelineParam? Param(string name) => Params.FirstOrDefault(param => string.Equals(param.Name, name, StringComparison.Ordinal));

    public bool HasOutput(string name) => Outputs.Any(output => string.Equals(output.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// One kind of pipeline step. Actions are thin: each reads its checked params and calls the module that does the work
/// (Scraping, Media, Imaging ...), answering a JSON object whose fields are its declared outputs.
/// </summary>
public interface IPipelineAction
{
    PipelineActionDefinition Definition { get; }

    Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken);
}
