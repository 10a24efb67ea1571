using System.Text.Json.Serialization;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// <c>GET /jobs</c>: <c>{api_job_id, status, error, output}</c>; status is <c>queued</c>, <c>pending</c>, <c>success</c>
/// or <c>failure</c>; <c>error</c> is set on failure only, <c>output</c> on success only (null otherwise).
/// </summary>
public sealed record EngineJobResponse(
    [property: JsonPropertyName("api_job_id")] string ApiJobId,
    string Status,
    EngineJobError? Error,
    EngineJobOutput? Output);
