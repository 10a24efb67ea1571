using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.BillionSatoshi;

/// <summary>A Tessera server with the dev wallet, and the calls a /bsap client makes: place, pay, retry, poll.</summary>
public sealed partial class BsapHost : IAsyncDisposable
{
    private BsapHost(TesseraFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient();
        Admin = factory.CreateAdminClient();
    }

    public TesseraFactory Factory { get; }

    public HttpClient Client { get; }

    public HttpClient Admin { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Open mode (no verification) unless <paramref name="mode"/> says otherwise; <paramref name="configure"/> adds settings.</summary>
    public static BsapHost Create(string mode = "open", Action<TesseraFactory>? configure = null)
    {
        var factory = new TesseraFactory().With("Tessera:Verification:Mode", mode);
        configure?.Invoke(factory);
        return new BsapHost(factory);
    }

    public static MultipartFormDataContent Form(int x, int y, int size, (byte R, byte G, byte B)? color = null, string? token = null, byte[]? agentImage = null)
    {
        var (r, g, b) = color ?? ((byte)255, (byte)0, (byte)0);
        // A fixed boundary, so the same form is the same bytes (Idempotency-Key compares bodies).
        var form = new MultipartFormDataContent("bsap-test-boundary")
        {
            { new ByteArrayContent(PlacementHost.Png(r, g, b)), "image", "image.png" },
            { new StringContent(x.ToString(System.Globalization.CultureInfo.InvariantCulture)), "x" },
            { new StringContent(y.ToString(System.Globalization.CultureInfo.InvariantCulture)), "y" },
            { new StringContent(size.ToString(System.Globalization.CultureInfo.InvariantCulture)), "size" },
            { new StringContent("https://example.com/agent"), "url" },
            { new StringContent("hello from a test"), "message" },
        };
        if (token is not null)
        {
            form.Add(new StringContent(token), "verificationToken");
        }

        if (agentImage is not null)
        {
            form.Add(new ByteArrayContent(agentImage), "agentImage", "agent.png");
        }

        return form;
    }

    public Task<HttpResponseMessage> PostPlacementAsync(int x, int y, int size, string? query = null, (byte R, byte G, byte B)? color = null, string? token = null) =>
        Client.PostAsync("/bsap/api/placements" + query, Form(x, y, size, color, token), Ct);

    /// <summary>Posts and expects 402 (or 202 with ?flow=invoice): the pending body.</summary>
    public async Task<JsonElement> ReserveAsync(int x, int y, int size, string? query = null, (byte R, byte G, byte B)? color = null)
    {
        var response = await PostPlacementAsync(x, y, size, query, color);
        Assert.Equal(query == "?flow=invoice" ? HttpStatusCode.Accepted : HttpStatusCode.PaymentRequired, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Pays through the operator's dev wallet route: the preimage (hex).</summary>
    public async Task<string> PayAsync(string invoice)
    {
        var response = await Admin.PostAsJsonAsync("/admin/v1/lightning/pay", new { invoice }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("preimage").GetString()!;
    }

    /// <summary>The same POST retried with an Authorization header.</summary>
    public Task<HttpResponseMessage> RetryAsync(int x, int y, int size, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/bsap/api/placements") { Content = Form(x, y, size) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Client.SendAsync(request, Ct);
    }

    public static string SeedCredential(string preimageHex) =>
        "Payment credential=\"" + Base64Url(Encoding.UTF8.GetBytes($"{{\"preimage\":\"{preimageHex}\"}}")) + "\"";

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '='));
    }

    /// <summary>The auth-params of a <c>WWW-Authenticate: Payment …</c> challenge.</summary>
    public static Dictionary<string, string> Challenge(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Payment", header.Scheme);
        return AuthParam().Matches(header.Parameter!).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    public async Task<JsonElement> StatusAsync(string id)
    {
        var response = await Client.GetAsync($"/bsap/api/placements/{id}/status", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public async Task<JsonElement> AuditAsync()
    {
        var response = await Admin.GetAsync("/admin/v1/ledger/audit", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Factory.DisposeAsync();
    }

    [GeneratedRegex("([A-Za-z]+)=\"([^\"]*)\"")]
    private static partial Regex AuthParam();
}
