using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>DECISIONS (Wave-1): cross-origin clients can read the headers a client acts on, on every surface.</summary>
public sealed class CorsExposedHeadersTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("/dojo/api/v1/jobs")]
    [InlineData("/engine/functions/v1/balance")]
    [InlineData("/ocean/api/credits")]
    [InlineData("/omp/api/pixels?region=0,0,1,1")]
    [InlineData("/bsap/api/canvas")]
    [InlineData("/admin/v1/accounts")]
    public async Task Cross_origin_responses_expose_auth_payment_location_and_retry_headers(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://agent.example");
        var response = await _client.SendAsync(request, Ct);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers")
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var header in new[] { "WWW-Authenticate", "Payment-Receipt", "Location", "Retry-After" })
        {
            Assert.Contains(header, exposed);
        }
    }
}
