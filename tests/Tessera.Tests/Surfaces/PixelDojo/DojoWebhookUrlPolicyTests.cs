using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>DECISIONS (Wave-1): a webhook URL the outbound policy refuses is a 400 at submission, saying why and what to do.</summary>
public sealed class DojoWebhookUrlPolicyTests : IAsyncLifetime
{
    // The default outbound policy: private networks refused (DojoHost.Configure allows them for local receivers).
    private readonly TesseraFactory _factory = new TesseraFactory().With("Tessera:PublicBaseUrl", "http://localhost");
    private HttpClient _client = null!;
    private string _accountId = "";
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        (_accountId, _key) = await _factory.CreateUserAsync(credits: 10);
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://[::1]:9/hook")]
    public async Task A_private_webhook_url_is_400_at_submission_naming_the_setting_and_no_job_is_made(string url)
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "a lake", webhook_url = url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("validation_error", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("webhook_url", message, StringComparison.Ordinal);
        Assert.Contains("Tessera:Outbound:AllowPrivateNetworks", message, StringComparison.Ordinal);
        var jobs = (await (await _client.GetWithKeyAsync($"{Api}/jobs", _key)).ReadJsonAsync()).GetProperty("jobs");
        Assert.Equal(0, jobs.GetArrayLength());
    }

    [Fact]
    public async Task A_special_purpose_address_is_refused_without_suggesting_the_private_network_setting()
    {
        var response = await _client.SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", _key, new { prompt = "a lake", webhook_url = "http://192.0.2.1/hook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString()!;
        Assert.DoesNotContain("AllowPrivateNetworks", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_job_route_refuses_a_private_webhook_url_too()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/admin/v1/jobs",
            new { account_id = _accountId, surface = "dojo", model = "flux-1.1-pro", input = new { prompt = "a lake" }, webhook_url = "http://127.0.0.1:9/" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AllowPrivateNetworks", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_private_networks_allowed_a_local_receiver_is_accepted()
    {
        await using var factory = Configure(new TesseraFactory());
        var (_, key) = await factory.CreateUserAsync(credits: 10);
        var response = await factory.CreateClient().SendAsync(HttpMethod.Post, $"{Api}/models/flux-1.1-pro/run", key, new { prompt = "a lake", webhook_url = "http://127.0.0.1:9/hook" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
