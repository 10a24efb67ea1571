using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>Issue #11 item 12: oversized request headers answer 431 in the surface's error shape, not an empty body.</summary>
public sealed class HeaderLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Headers_over_the_configured_limit_get_431_in_the_surfaces_shape()
    {
        await using var factory = new TesseraFactory().With("Tessera:Http:MaxRequestHeadersBytes", "4096");
        var client = factory.CreateClient();

        var dojo = await SendAsync(client, "/dojo/api/v1/models", 5000);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, dojo.StatusCode);
        var error = (await dojo.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("request_headers_too_large", error.GetProperty("code").GetString());
        Assert.Equal(431, error.GetProperty("status").GetInt32());

        var omp = await SendAsync(client, "/omp/api/pixels", 5000);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, omp.StatusCode);
        Assert.Equal("request_headers_too_large", (await omp.ReadJsonAsync()).GetProperty("code").GetString());

        Assert.NotEqual(HttpStatusCode.RequestHeaderFieldsTooLarge, (await SendAsync(client, "/omp/api/pixels", 2000)).StatusCode);
    }

    /// <summary>Kestrel itself refuses headers over its limit before the pipeline; a real server shows the shaped answer.</summary>
    [Fact]
    public async Task A_real_server_answers_oversized_headers_with_a_json_body()
    {
        await using var database = TestDatabase.Create();
        List<string> args = ["--data", database.DataDirectory];
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        await using var server = await ServerProcess.StartAsync(args);
        var response = await SendAsync(server.Client, "/engine/functions/v1/balance", 40 * 1024);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("request_headers_too_large", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, await server.StopAsync());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, int headerBytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Padding", new string('a', headerBytes));
        return client.SendAsync(request, Ct);
    }
}
