using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Tessera.Tests.Support;

/// <summary>
/// A real Tessera server in memory, on its own database (or on a shared one, to play a second node).
/// Tests speak HTTP to it through <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>.
/// </summary>
public class TesseraFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    public TesseraFactory()
        : this(TestDatabase.Create(), ownsDatabase: true)
    {
    }

    public TesseraFactory(TestDatabase database, bool ownsDatabase = false)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        _services.Add(services => services.AddSingleton<Tessera.Hosting.IEndpointContributor, ProbeEndpoints>());
    }

    public TestDatabase Database { get; }

    /// <summary>The operator key the server is given; null lets the server generate its own.</summary>
    public string? AdminKey { get; init; } = "tak_test_" + Guid.NewGuid().ToString("N");

    public TesseraFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public TesseraFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>A client that sends the operator key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Tessera:Data", Database.DataDirectory);
        builder.UseSetting("Tessera:Database", Database.ConnectionString ?? "");
        builder.UseSetting("Tessera:AdminKey", AdminKey ?? "");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
