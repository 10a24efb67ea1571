namespace Tessera.Pipelines;

/// <summary>What a pipeline action's param holds; <see cref="PipelineParam.Coerce"/> says how each is read.</summary>
public enum PipelineParamType
{
    String,
    Url,
    Integer,
    Number,
    Boolean,
    UrlList,
    IntegerList,
    List,
    Any,
}

public static class PipelineParamTypes
{
    /// <summary>The type's name in <c>GET /api/pipeline/actions</c> (JSON Schema words where there is one).</summary>
    public static string WireName(this PipelineParamType type) => type switch
    {
        PipelineParamType.String => "string",
        PipelineParamType.Url => "url",
        PipelineParamType.Integer => "integer",
        PipelineParamType.Number => "number",
        PipelineParamType.Boolean => "boolean",
        PipelineParamType.UrlList => "url[]",
        PipelineParamType.IntegerList => "integer[]",
        PipelineParamType.List => "array",
        _ => "any",
    };
}
