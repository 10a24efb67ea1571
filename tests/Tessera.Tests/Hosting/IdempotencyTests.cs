using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Accounts;
using Tessera.Hosting;
using Tessera.Http.Idempotency;
using Tessera.Tests.Support;

namespace Tessera.Tests.Hosting;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly Counter _counter = new();
    private readonly TesseraFactory _factory;
    private HttpClient _client = null!;
    private string _key = "";

    public IdempotencyTests()
    {
        _factory = new TesseraFactory().WithServices(services =>
        {
            services.AddSingleton(_counter);
            services.AddSingleton<IEndpointContributor, IdempotentProbe>();
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var admin = _factory.CreateAdminClient();
        (_, _key) = await admin.CreateKeyAsync(await admin.CreateAccountAsync());
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Same_key_returns_the_first_response_and_runs_once()
    {
        var first = await PostAsync("/dojo/_probe/spend", "k-1", new { amount = 5 });
        var second = await PostAsync("/dojo/_probe/spend", "k-1", new { amount = 5 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, _counter.Value);
    }

    [Fact]
    public async Task A_kept_response_is_encrypted_at_rest_and_still_replayed()
    {
        var first = await PostAsync("/dojo/_probe/spend", "k-enc", new { amount = 424242 });
        var (body, headers) = await StoredRowAsync("k-enc");

        Assert.DoesNotContain("424242", System.Text.Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        Assert.StartsWith("enc1:", System.Text.Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        Assert.DoesNotContain("/dojo/_probe/spend/", headers, StringComparison.Ordinal);
        var replay = await PostAsync("/dojo/_probe/spend", "k-enc", new { amount = 424242 });
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, _counter.Value);
    }

    [Fact]
    public async Task A_response_kept_in_clear_before_encryption_is_still_replayed()
    {
        await PostAsync("/dojo/_probe/spend", "k-old", new { amount = 7 });
        await UpdateRowAsync("k-old", """{"legacy":true}"""u8.ToArray(), "{}");

        var replay = await PostAsync("/dojo/_probe/spend", "k-old", new { amount = 7 });
        Assert.Equal("""{"legacy":true}""", await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, _counter.Value);
    }

    [Fact]
    public async Task A_kept_response_that_cannot_be_decrypted_counts_as_expired_and_the_request_runs_again()
    {
        await PostAsync("/dojo/_probe/spend", "k-lost", new { amount = 3 });
        await UpdateRowAsync("k-lost", [.. "enc1:lostkey:"u8, .. new byte[40]], "{}");

        var again = await PostAsync("/dojo/_probe/spend", "k-lost", new { amount = 3 });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, _counter.Value);
    }

    private async Task<(byte[] Body, string Headers)> StoredRowAsync(string idempotencyKey)
    {
        await using var connection = await _factory.Services.GetRequiredService<Tessera.Storage.TesseraDatabase>().OpenAsync(Ct);
        await using var command = Tessera.Storage.DbCommandExtensions.Command(connection, "SELECT body, headers FROM idempotent_requests WHERE idempotency_key = @key");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = idempotencyKey;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return ((byte[])reader.GetValue(0), reader.GetString(1));
    }

    private async Task UpdateRowAsync(string idempotencyKey, byte[] body, string headers)
    {
        await using var connection = await _factory.Services.GetRequiredService<Tessera.Storage.TesseraDatabase>().OpenAsync(Ct);
        await using var command = Tessera.Storage.DbCommandExtensions.Command(connection, "UPDATE idempotent_requests SET body = @body, headers = @headers WHERE idempotency_key = @key");
        foreach (var (name, value) in new (string, object)[] { ("@body", body), ("@headers", headers), ("@key", idempotencyKey) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public async Task Different_keys_and_no_key_run_each_time()
    {
        await PostAsync("/dojo/_probe/spend", "k-a", new { amount = 1 });
        await PostAsync("/dojo/_probe/spend", "k-b", new { amount = 1 });
        await PostAsync("/dojo/_probe/spend", null, new { amount = 1 });
        await PostAsync("/dojo/_probe/spend", null, new { amount = 1 });
        Assert.Equal(4, _counter.Value);
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_422_in_the_surface_shape()
    {
        await PostAsync("/dojo/_probe/spend", "k-2", new { amount = 5 });
        var reused = await PostAsync("/dojo/_probe/spend", "k-2", new { amount = 6 });

        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        var error = (await reused.ReadJsonAsync()).GetProperty("error");
        Assert.Equal("idempotency_key_reused", error.GetProperty("code").GetString());
        Assert.Equal(422, error.GetProperty("status").GetInt32());
        Assert.Equal(1, _counter.Value);
    }

    [Fact]
    public async Task Keys_are_per_account()
    {
        var admin = _factory.CreateAdminClient();
        var (_, otherKey) = await admin.CreateKeyAsync(await admin.CreateAccountAsync("other"));
        await PostAsync("/dojo/_probe/spend", "shared", new { amount = 1 });
        await PostAsync("/dojo/_probe/spend", "shared", new { amount = 1 }, otherKey);
        Assert.Equal(2, _counter.Value);
    }

    [Fact]
    public async Task Payment_required_and_server_errors_are_not_kept_so_the_retry_runs()
    {
        var unpaid = await PostAsync("/dojo/_probe/spend", "k-3", new { amount = 402 });
        var retried = await PostAsync("/dojo/_probe/spend", "k-3", new { amount = 402 });
        Assert.Equal(HttpStatusCode.PaymentRequired, unpaid.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, _counter.Value);
    }

    [Fact]
    public async Task Racing_requests_with_one_key_run_once()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync("/dojo/_probe/spend", "race", new { amount = 7, slow = true })));

        Assert.Equal(1, _counter.Value);
        Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_malformed_key_is_a_validation_error()
    {
        var response = await PostAsync("/dojo/_probe/spend", new string('x', 300), new { amount = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _counter.Value);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? idempotencyKey, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }.WithKey(key ?? _key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return _client.SendAsync(request, Ct);
    }

    public sealed class Counter
    {
        private int _value;

        public int Value => _value;

        public int Next() => Interlocked.Increment(ref _value);
    }

    private sealed record SpendRequest(int Amount, bool Slow);

    private sealed class IdempotentProbe : IEndpointContributor
    {
        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapPost("/dojo/_probe/spend", async (SpendRequest request, Counter counter) =>
            {
                var n = counter.Next();
                if (request.Slow)
                {
                    await Task.Delay(300);
                }

                return request.Amount == 402
                    ? Results.StatusCode(402)
                    : Results.Created($"/dojo/_probe/spend/{n}", new { n, request.Amount });
            }).RequireKey().WithIdempotency();
    }
}
