using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class OperatorApiTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_operator_api_needs_the_operator_key()
    {
        var anonymous = await _factory.CreateClient().PostAsJsonAsync("/admin/v1/accounts", new { name = "x" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);

        var admin = _factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (_, key) = await admin.CreateKeyAsync(account);
        var withAccountKey = await _factory.CreateClient().GetWithKeyAsync($"/admin/v1/accounts/{account}", key);
        Assert.Equal(HttpStatusCode.Forbidden, withAccountKey.StatusCode);
    }

    [Fact]
    public async Task Creating_an_account_answers_201_with_id_and_name()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/admin/v1/accounts", new { name = "Ada" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("acc_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ada", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_account_needs_a_name()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/admin/v1/accounts", new { name = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }
}
