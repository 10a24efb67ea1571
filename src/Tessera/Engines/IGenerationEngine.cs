namespace Tessera.Engines;

/// <summary>
/// One way of making pictures: a built-in local engine (procedural image, sprite animation, procedural video) or a
/// client of a provider's wire format (OpenAI Images, Replicate predictions, ComfyUI). The job runner calls
/// <see cref="RunAsync"/> once per attempt; the engine never touches the ledger, the queue or the blob store.
/// </summary>
public interface IGenerationEngine
{
    /// <summary>The name models refer to in configuration (<c>procedural-image</c>, <c>openai</c> ...).</summary>
    string Name { get; }

    /// <summary>
    /// Why this engine cannot run on this machine right now (a program it needs is missing), or null when it can.
    /// Models whose engines are all unavailable are listed with this reason and refused at submission
    /// (<see cref="IModelRegistry.UnavailableReason"/>) instead of failing later in the worker.
    /// </summary>
    string? UnavailableReason => null;

    /// <summary>
    /// Runs one attempt. Honour <paramref name="cancellationToken"/>: it fires on cancel and at the job's deadline.
    /// Expected failures throw <see cref="EngineException"/> (transient ones are retried with backoff, then the
    /// next engine of the model's fallback chain is tried); any other exception is a bug and fails the attempt the same
    /// way as a non-transient <see cref="EngineException"/>.
    /// </summary>
    Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken);
}
