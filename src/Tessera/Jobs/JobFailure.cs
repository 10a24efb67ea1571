namespace Tessera.Jobs;

/// <summary>An expected failure of an attempt, with the stable code the failed job carries.</summary>
/// <param name="transient">True when trying again later may work (the job is retried with backoff); false fails it.</param>
public sealed class JobFailure(string code, string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Transient { get; } = transient;
}
