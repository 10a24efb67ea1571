namespace Tessera.Outbound;

/// <summary>Settings of the SSRF-safe client, section <c>Tessera:Outbound</c> (docs/outbound.md).</summary>
public sealed class OutboundOptions
{
    public const string Section = "Tessera:Outbound";

    /// <summary>
    /// Lets requests reach the operator's own networks: loopback, private, link-local, CGNAT, unique-local and this
    /// machine's own addresses (<see cref="AddressKind.Local"/>). Special-purpose ranges (documentation, benchmarking,
    /// reserved, multicast ...) stay refused. Off by default: a user-supplied URL must never reach the operator's own
    /// network (metadata service, databases, admin ports).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Largest response body read (after decompression); beyond it the request fails with <c>too_large</c>.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whole-request budget: DNS, connects, every redirect hop and the body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects followed per request, each target checked again.</summary>
    public int MaxRedirects { get; set; } = 5;
}
