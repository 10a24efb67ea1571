namespace Tessera.RateLimits;

/// <summary>Whose counter a request spends.</summary>
public enum RateLimitPartition
{
    /// <summary>The API key (claim <c>tessera:key</c>); anonymous requests fall back to their client IP.</summary>
    Key,

    /// <summary>The client IP (IPv6 by /64, since one client usually holds a whole /64).</summary>
    Ip,

    /// <summary>The account (claim <c>tessera:account</c>), shared by all its keys; anonymous requests fall back to their client IP.</summary>
    Account,
}
