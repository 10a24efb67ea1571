namespace Tessera.Http;

/// <summary>
/// One rule of a surface's default rate policy (<see cref="SurfaceDescriptor.RatePolicies"/>), in the words configuration
/// uses for it (<c>Tessera:RateLimits:Policies:{policy}:{i}:Kind</c> …), so a default is exactly what an operator could
/// have written: the RateLimits module reads these as it reads configuration, and a configured policy of the same name
/// replaces the default whole. Strings, not the RateLimits enums, because this folder sits below the modules.
/// </summary>
/// <param name="Name">The rule's name in the <c>RateLimit-Policy</c> / <c>RateLimit</c> fields (<c>minute</c>, <c>day</c> …).</param>
/// <param name="Kind"><see cref="FixedWindow"/> or <see cref="TokenBucket"/>.</param>
/// <param name="Limit">Requests per window, or the bucket's capacity.</param>
/// <param name="Window">The window, or the time a bucket takes to refill from empty.</param>
/// <param name="Partition"><see cref="PerKey"/>, <see cref="PerIp"/> or <see cref="PerAccount"/>.</param>
public sealed record RateRule(string Name, string Kind, int Limit, TimeSpan Window, string Partition)
{
    public const string FixedWindow = "FixedWindow";

    public const string TokenBucket = "TokenBucket";

    public const string PerKey = "Key";

    public const string PerIp = "Ip";

    public const string PerAccount = "Account";

    public static RateRule Fixed(string name, int limit, TimeSpan window, string partition) => new(name, FixedWindow, limit, window, partition);

    public static RateRule Bucket(string name, int limit, TimeSpan window, string partition) => new(name, TokenBucket, limit, window, partition);
}
