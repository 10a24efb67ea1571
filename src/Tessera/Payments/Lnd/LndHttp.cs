using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Tessera.Payments.Lnd;

/// <summary>
/// The HTTP clients that talk to LND (an operator-configured URL, so a plain client, not the SSRF-safe one): one for
/// requests, bounded by <see cref="LndOptions.Timeout"/>, and one without a timeout for the settlement stream. Both pin
/// LND's self-signed certificate when <see cref="LndOptions.TlsCertificatePath"/> is set.
/// </summary>
internal static class LndHttp
{
    public const string Requests = "Tessera.Lnd";
    public const string Stream = "Tessera.Lnd.Stream";

    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(Requests)
            .ConfigureHttpClient((provider, client) => Configure(provider, client, streaming: false))
            .ConfigurePrimaryHttpMessageHandler(CreateHandler);
        services.AddHttpClient(Stream)
            .ConfigureHttpClient((provider, client) => Configure(provider, client, streaming: true))
            .ConfigurePrimaryHttpMessageHandler(CreateHandler);
    }

    private static void Configure(IServiceProvider provider, HttpClient client, bool streaming)
    {
        var options = provider.GetRequiredService<IOptions<LightningOptions>>().Value.Lnd;
        if (Uri.TryCreate(options.Url, UriKind.Absolute, out var url))
        {
            client.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }

        client.Timeout = streaming ? Timeout.InfiniteTimeSpan : options.Timeout;
    }

    private static SocketsHttpHandler CreateHandler(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<LightningOptions>>().Value.Lnd;
        var handler = new SocketsHttpHandler { ConnectTimeout = options.Timeout };
        if (options.TlsCertificatePath is { Length: > 0 } path)
        {
            var pinned = X509CertificateLoader.LoadCertificateFromFile(path);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
        }

        return handler;
    }
}
