namespace Tessera.Client.PixelDojo;

/// <summary>How <see cref="PixelDojoClient.GenerateAsync"/> polls: from <see cref="FirstPoll"/>, ×1.5 each time, up to <see cref="MaxPoll"/>.</summary>
public sealed record GenerateOptions
{
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gives up (throws <see cref="TimeoutException"/>) after this long; the job keeps running on the server.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Sent with the submit: a retried <c>GenerateAsync</c> with the same key does not pay twice.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Told the job after the submit and after every poll (a progress display).</summary>
    public IProgress<DojoJob>? Progress { get; init; }
}
