using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Http;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>A Tessera server for the dojo tests: fast webhook retries, loopback receivers allowed, a funded user.</summary>
public static class DojoHost
{
    public const string Api = "/dojo/api/v1";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The public base URL is set as an operator behind a proxy would: a worker signs the webhook payload's output URLs with
    /// it, a request-less context (the in-memory test server's own address is not one a client can reach).
    /// </summary>
    public static TesseraFactory Configure(TesseraFactory factory) => factory
        .With("Tessera:PublicBaseUrl", "http://localhost")
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Webhooks:RetrySchedule", "0s,100ms,100ms")
        .With("Tessera:Webhooks:PollInterval", "00:00:00.100")
        .With("Tessera:Jobs:PollInterval", "00:00:00.050");

    /// <summary>A new account with <paramref name="credits"/> purchased credits and one key; returns (account id, key).</summary>
    public static async Task<(string AccountId, string Key)> CreateUserAsync(this TesseraFactory factory, decimal credits = 100, object? keyBody = null)
    {
        var admin = factory.CreateAdminClient();
        var accountId = await admin.CreateAccountAsync("dojo user");
        var (_, key) = await admin.CreateKeyAsync(accountId, keyBody);
        if (credits > 0)
        {
            var grant = await admin.PostAsJsonAsync($"/admin/v1/accounts/{accountId}/grants", new { currency = "credits", amount = credits, pool = "purchased" }, Ct);
            Assert.True(grant.IsSuccessStatusCode, await grant.Content.ReadAsStringAsync(Ct));
        }

        return (accountId, key);
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? key, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.WithKey(key);
        }

        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, Ct);
    }

    public static async Task<string> SubmitAsync(this HttpClient client, string key, object body, string model = "flux-1.1-pro")
    {
        var response = await client.SendAsync(HttpMethod.Post, $"{Api}/models/{model}/run", key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("jobId").GetString()!;
    }

    /// <summary>Polls <c>GET /jobs/{jobId}</c> until the job is completed, failed or canceled (30 s at most).</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string key, string jobId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = await (await client.GetWithKeyAsync($"{Api}/jobs/{jobId}", key)).ReadJsonAsync();
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "canceled" || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return job;
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The error body's code, after checking the shape: <c>{"error":{"code","message","status"}}</c> with status = HTTP status.</summary>
    public static async Task<string> ErrorCodeAsync(this HttpResponseMessage response)
    {
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.Equal((int)response.StatusCode, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error.GetProperty("code").GetString()!;
    }

    /// <summary>A PNG's size from its IHDR, after checking the signature.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }
}
