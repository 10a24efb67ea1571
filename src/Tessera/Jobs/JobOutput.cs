namespace Tessera.Jobs;

/// <summary>One stored output of a job: a blob in the blob store, named by its SHA-256.</summary>
/// <param name="Index">0-based, in the order the engine returned them; the <c>/files/{jobId}/{index}</c> URL uses it.</param>
/// <param name="Role">What it is for (<see cref="Engines.OutputRoles"/>).</param>
public sealed record JobOutput(int Index, string Role, string BlobHash, string ContentType, long Size, DateTimeOffset CreatedAt);
