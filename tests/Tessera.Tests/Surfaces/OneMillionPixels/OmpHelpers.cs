using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Calls the One Million Pixels agent tests repeat.</summary>
internal static class OmpHelpers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(string Account, string PrivateKey, string PublicKey)> CreateAgentAsync(this HttpClient client, string fingerprint)
    {
        var response = await client.PostAsJsonAsync("/omp/api/agent", new { fingerprint }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agent = await response.ReadJsonAsync();
        return (agent.GetProperty("account_id").GetString()!, agent.GetProperty("private_key").GetString()!, agent.GetProperty("public_key").GetString()!);
    }

    public static Task<HttpResponseMessage> ReferAsync(this HttpClient client, string promoCode, string fingerprint, string? ip = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/referral") { Content = JsonContent.Create(new { promo_code = promoCode, fingerprint }) };
        if (ip is not null)
        {
            request.Headers.Add("X-Test-Ip", ip);
        }

        return client.SendAsync(request, Ct);
    }

    public static async Task GrantPixelCreditsAsync(this HttpClient admin, string account, decimal amount)
    {
        var response = await admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/grants", new { currency = "pixel_credits", amount }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The account's available pixel credits, from the operator's balances.</summary>
    public static async Task<decimal> PixelCreditsAsync(this HttpClient admin, string account)
    {
        var balances = await (await admin.GetAsync($"/admin/v1/accounts/{account}/balances", Ct)).ReadJsonAsync();
        return balances.GetProperty("balances").EnumerateArray()
            .Where(b => b.GetProperty("currency").GetString() == "pixel_credits")
            .Sum(b => b.GetProperty("available").GetDecimal());
    }

    public static async Task AssertLedgerBalancedAsync(this HttpClient admin)
    {
        var audit = await (await admin.GetAsync("/admin/v1/ledger/audit", Ct)).ReadJsonAsync();
        Assert.True(audit.GetProperty("ok").GetBoolean(), audit.ToString());
    }

    public static Task<HttpResponseMessage> ConvertAsync(this HttpClient client, string key, int x, int y, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/agent/convert") { Content = JsonContent.Create(new { start_x = x, start_y = y }) }.WithKey(key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, Ct);
    }

    public static async Task<string> CodeAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("code").GetString()!;

    public static JsonElement Json(this string text) => JsonDocument.Parse(text).RootElement;
}
