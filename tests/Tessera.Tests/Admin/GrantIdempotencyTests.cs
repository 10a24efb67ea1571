using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Admin;

/// <summary>Issue #11 item 8: the operator's grants follow the same Idempotency-Key rule as the surfaces.</summary>
public sealed class GrantIdempotencyTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _admin = null!;
    private string _account = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateAdminClient();
        _account = await _admin.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_same_key_with_a_different_grant_is_422_and_moves_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await GrantAsync("grant-1", 5m)).StatusCode);

        var reused = await GrantAsync("grant-1", 500m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType!.MediaType);
        Assert.Equal("idempotency_key_reused", (await reused.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(5m, await PurchasedAsync());
    }

    [Fact]
    public async Task The_same_key_with_the_same_grant_replays_the_first_response()
    {
        var first = await GrantAsync("grant-2", 5m);
        var again = await GrantAsync("grant-2", 5m);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(5m, await PurchasedAsync());
    }

    private Task<HttpResponseMessage> GrantAsync(string idempotencyKey, decimal amount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/accounts/{_account}/grants")
        {
            Content = JsonContent.Create(new { currency = "credits", amount, pool = "purchased" }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _admin.SendAsync(request, Ct);
    }

    private async Task<decimal> PurchasedAsync()
    {
        var balances = (await (await _admin.GetAsync($"/admin/v1/accounts/{_account}/balances", Ct)).ReadJsonAsync()).GetProperty("balances");
        return balances.EnumerateArray().Single(b => b.GetProperty("pool").GetString() == "purchased").GetProperty("available").GetDecimal();
    }
}
