namespace Tessera.Jobs;

/// <summary>One page of an account's jobs, most recent first; <see cref="NextCursor"/> fetches the next page (null on the last).</summary>
public sealed record JobPage(IReadOnlyList<Job> Jobs, string? NextCursor);
