namespace Tessera.Hosting;

/// <summary><c>Tessera:Telemetry</c>: what <c>/metrics</c> records (docs/benchmarks.md, "Hot reads", for the cost).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Tessera:Telemetry";

    /// <summary>
    /// ASP.NET Core's per-request metrics (<c>http_server_request_duration_seconds</c> by route, plus Kestrel's
    /// connection metrics). On by default. Off, every request skips recording them: in the A/B of issue #12 (server CPU
    /// per request under wrk) it was the only piece of the shared per-request cost that showed above the noise (canvas
    /// 304: ~29 µs off against 34–64 µs on). Module meters (<c>Tessera.*</c>) are recorded either way.
    /// </summary>
    public bool HttpMetrics { get; set; } = true;
}
