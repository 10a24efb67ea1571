namespace Tessera.Client.PixelDojo;

/// <summary>Thrown by <see cref="PixelDojoClient.GenerateAsync"/> when the job ends failed or canceled; <see cref="Job"/> says why.</summary>
public sealed class DojoJobFailedException(DojoJob job)
    : Exception($"Job {job?.JobId} {job?.Status}: {job?.Error?.Code}: {job?.Error?.Message}")
{
    public DojoJob Job { get; } = job ?? throw new ArgumentNullException(nameof(job));
}
