namespace Tessera.Surfaces.OneMillionPixels;

/// <summary><c>Tessera:OneMillionPixels</c>: the referral programme's knobs.</summary>
public sealed class OmpAgentOptions
{
    public const string Section = "Tessera:OneMillionPixels";

    /// <summary>What one counted unique view earns: 0.001, so 1,000 views make 1 pixel credit (the seed doc).</summary>
    public const decimal CreditPerView = 0.001m;

    /// <summary>At most this many views from one client address (IPv6: its /64) are counted per promo code per UTC day,
    /// against fingerprint farming; further new fingerprints from it are recorded but not counted.</summary>
    public int MaxCountedViewsPerIpPerDay { get; set; } = 10;
}
