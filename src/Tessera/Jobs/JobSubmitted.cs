namespace Tessera.Jobs;

/// <summary>The answer to a submit: the job, the credits left available after its hold, and whether this was an idempotent replay.</summary>
public sealed record JobSubmitted(Job Job, decimal CreditsRemaining, bool Replayed);
