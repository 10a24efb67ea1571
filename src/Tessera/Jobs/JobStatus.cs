namespace Tessera.Jobs;

/// <summary>A job's statuses: queued → running → succeeded | failed | canceled (a running job may go back to queued for a retry).</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Canceled;
}
