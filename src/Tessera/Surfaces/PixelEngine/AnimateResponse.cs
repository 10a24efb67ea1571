using System.Text.Json.Serialization;

namespace Tessera.Surfaces.PixelEngine;

/// <summary><c>POST /animate</c>: <c>{api_job_id, status: "queued", error: null}</c>, as the seed's example shows.</summary>
public sealed record AnimateResponse([property: JsonPropertyName("api_job_id")] string ApiJobId, string Status, EngineJobError? Error);
