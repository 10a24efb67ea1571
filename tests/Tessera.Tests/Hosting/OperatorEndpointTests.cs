using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

/// <summary>Issue #11 item 12: <c>/metrics</c> and the operator API's OpenAPI document are the operator's alone.</summary>
public sealed class OperatorEndpointTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/admin.json")]
    public async Task Operator_endpoints_refuse_anonymous_callers_and_account_keys(string path)
    {
        var admin = _factory.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync(await admin.CreateAccountAsync());
        var client = _factory.CreateClient();

        var anonymous = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthorized", (await anonymous.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);

        var account = await client.GetWithKeyAsync(path, key);
        Assert.Equal(HttpStatusCode.Forbidden, account.StatusCode);
        Assert.DoesNotContain("/admin/v1", await account.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("omp")]
    [InlineData("engine")]
    public async Task Surface_openapi_documents_stay_public(string name)
    {
        var response = await _factory.CreateClient().GetAsync($"/openapi/{name}.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
