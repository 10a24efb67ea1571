namespace Tessera.Jobs;

/// <summary>A job row with the columns only the module itself reads: its lease, its retry time and its hold's resolution.</summary>
internal sealed record StoredJob(Job Job, string? LeaseOwner, long RunAfter, string? HoldResolution, bool HoldResolved);
