namespace Tessera.Client.PixelEngine;

/// <summary>A job as <c>/animate</c> and <c>/jobs</c> answer it; <see cref="Status"/> is queued, pending, success or failure.</summary>
public sealed record EngineJob(string ApiJobId, string Status, EngineJobError? Error, EngineJobOutput? Output)
{
    public const string Queued = "queued";
    public const string Pending = "pending";
    public const string Success = "success";
    public const string Failure = "failure";

    /// <summary>True once the job is <c>success</c> or <c>failure</c>: polling can stop.</summary>
    public bool IsFinished => Status is Success or Failure;
}
