using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Tests.Support;

namespace Tessera.Tests.Accounts;

public sealed class SubKeyExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TesseraFactory _factory;

    public SubKeyExpiryTests() =>
        _factory = new TesseraFactory().WithServices(services => services.AddSingleton<TimeProvider>(_time));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_sub_key_is_refused_after_its_expiry()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = _factory.CreateAdminClient();
        var client = _factory.CreateClient();
        var account = await admin.CreateAccountAsync();
        var (parent, _) = await admin.CreateKeyAsync(account);
        var sub = await (await admin.PostAsJsonAsync($"/admin/v1/keys/{parent}/sub-keys", new { label = "week", expires_days = 7 }, ct)).ReadJsonAsync();
        var subKey = sub.GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/ocean/_probe/key", subKey)).StatusCode);
        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var expired = await client.GetWithKeyAsync("/ocean/_probe/key", subKey);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", (await expired.ReadJsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
