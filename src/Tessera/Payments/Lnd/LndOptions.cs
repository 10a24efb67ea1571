namespace Tessera.Payments.Lnd;

/// <summary>LND REST settings, section <c>Tessera:Lightning:Lnd</c>.</summary>
public sealed class LndOptions
{
    /// <summary>The REST endpoint, e.g. <c>https://127.0.0.1:8080</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The invoice (or admin) macaroon as hex; or <see cref="MacaroonPath"/>.</summary>
    public string? MacaroonHex { get; set; }

    /// <summary>A macaroon file (binary, as LND writes it).</summary>
    public string? MacaroonPath { get; set; }

    /// <summary>LND's <c>tls.cert</c>: when set, the node must present exactly this certificate (it is self-signed).</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>How long one request (not the settlement stream) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before reconnecting the settlement stream; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
