using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>
/// <c>Tessera:Telemetry:HttpMetrics=false</c> drops ASP.NET Core's per-request metrics, the largest piece of the
/// per-request cost the hot reads share (docs/benchmarks.md); /metrics still answers with the module meters.
/// The default (on) is covered by ApiDocsAndMetricsTests.
/// </summary>
public sealed class HttpMetricsOptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Http_request_metrics_can_be_switched_off_and_metrics_still_answers()
    {
        await using var factory = new TesseraFactory().With("Tessera:Telemetry:HttpMetrics", "false");
        var client = factory.CreateAdminClient();
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/healthz", Ct);
        }

        await Task.Delay(500, Ct);
        var metrics = await client.GetAsync("/metrics", Ct);
        var text = await metrics.Content.ReadAsStringAsync(Ct);

        Assert.True(metrics.IsSuccessStatusCode);
        Assert.DoesNotContain("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }
}
