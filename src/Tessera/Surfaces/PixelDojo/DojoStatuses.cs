using Tessera.Jobs;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// The doc's status values for the queue's: pending, processing, completed, failed (and canceled, Tessera's addition);
/// a finished job past its <c>expiresAt</c> is listed as expired (the single-job route answers 410 <c>expired</c>).
/// </summary>
public static class DojoStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string Expired = "expired";

    public static string Of(string jobStatus) => jobStatus switch
    {
        JobStatus.Queued => Pending,
        JobStatus.Running => Processing,
        JobStatus.Succeeded => Completed,
        JobStatus.Failed => Failed,
        JobStatus.Canceled => Canceled,
        _ => jobStatus,
    };
}
