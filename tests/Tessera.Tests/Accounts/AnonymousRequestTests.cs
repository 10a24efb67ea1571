using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Hosting;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

/// <summary>
/// A request that presents no key (no Authorization or X-API-Key header, no body) skips the authentication handler
/// (issue #12, the hot read path), and is still refused wherever a key is required.
/// </summary>
public sealed class AnonymousRequestTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory().WithServices(services => services.AddSingleton<IEndpointContributor, AuthenticationProbe>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_anonymous_get_does_not_run_the_authentication_handler()
    {
        var probe = await _factory.CreateClient().GetFromJsonAsync<ProbeBody>("/omp/_probe/authentication", Ct);

        Assert.False(probe!.Authenticated);
    }

    [Theory]
    [InlineData("Authorization", "Bearer tsk_nosuchkeyid0_secret")]
    [InlineData("X-API-Key", "tsk_nosuchkeyid0_secret")]
    public async Task A_request_that_presents_a_key_runs_the_authentication_handler(string header, string value)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        var probe = await client.GetFromJsonAsync<ProbeBody>("/omp/_probe/authentication", Ct);

        Assert.True(probe!.Authenticated);
    }

    [Fact]
    public async Task An_anonymous_request_to_a_keyed_route_is_still_refused_with_a_challenge()
    {
        var response = await _factory.CreateClient().GetAsync("/omp/_probe/key", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_key_in_a_json_body_is_still_found_on_surfaces_that_accept_one()
    {
        using var admin = _factory.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync(await admin.CreateAccountAsync());
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/ocean/_probe/key", new { api_key = key }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record ProbeBody(bool Authenticated);

    /// <summary>Reports whether the authentication middleware ran for the request (it always sets this feature).</summary>
    private sealed class AuthenticationProbe : IEndpointContributor
    {
        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet("/omp/_probe/authentication", (HttpContext context) =>
                Results.Ok(new ProbeBody(context.Features.Get<IAuthenticationFeature>() is not null)));
    }
}
