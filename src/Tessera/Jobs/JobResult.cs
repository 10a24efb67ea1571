using System.Text.Json.Nodes;

namespace Tessera.Jobs;

/// <summary>What an attempt made: files stored as the job's outputs (none is fine for a kind whose result is metadata)
/// and metadata shown with the job.</summary>
public sealed record JobResult(IReadOnlyList<JobFile> Outputs, JsonObject? Metadata = null);

/// <summary>One output file: its bytes, its media type (one the output check knows, see docs/jobs.md) and its role.</summary>
public sealed record JobFile(ReadOnlyMemory<byte> Content, string ContentType, string Role);
