using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Tessera.Hosting;

namespace Tessera.Jobs;

/// <summary>
/// Signed, time-limited download links for job outputs: <c>{base}/files/{jobId}/{index}?exp=&lt;epoch s&gt;&amp;sig=&lt;base64url
/// HMAC-SHA256("{jobId}/{index}/{exp}")&gt;</c>. The key is <c>Tessera:Jobs:SigningKey</c>, else one made once and kept in
/// the database, so a link signed by one node opens on every node.
/// </summary>
public sealed class OutputUrls
{
    private const string SettingName = "output_signing_key";

    private readonly Lazy<byte[]> _key;
    private readonly IConfiguration _configuration;
    private readonly IHttpContextAccessor _http;
    private readonly IServer? _server;
    private readonly TimeProvider _time;

    internal OutputUrls(JobStore store, IOptions<JobsOptions> options, IConfiguration configuration, IHttpContextAccessor http, IServer? server, TimeProvider time)
    {
        _configuration = configuration;
        _http = http;
        _server = server;
        _time = time;
        _key = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(
            options.Value.SigningKey is { Length: > 0 } configured
                ? configured
                : store.Setting(SettingName, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)))));
    }

    /// <summary>An absolute URL for output <paramref name="index"/> of <paramref name="jobId"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Sign(string jobId, int index, TimeSpan lifetime)
    {
        var expires = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture,
            $"{BaseUrl()}/files/{Uri.EscapeDataString(jobId)}/{index}?exp={expires}&sig={Signature(jobId, index, expires)}");
    }

    internal LinkCheck Check(string jobId, int index, long? expires, string? signature)
    {
        if (expires is null || string.IsNullOrEmpty(signature))
        {
            return LinkCheck.BadSignature;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(jobId, index, expires.Value));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return LinkCheck.BadSignature;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() >= expires.Value ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private string Signature(string jobId, int index, long expires) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{jobId}/{index}/{expires}"))));

    /// <summary><c>Tessera:PublicBaseUrl</c>; else the request being served; else (a worker, a sweep) the server's first address.</summary>
    private string BaseUrl()
    {
        if (_http.HttpContext?.Request is { } request)
        {
            return PublicBaseUrl.Of(request, _configuration);
        }

        if (_configuration["Tessera:PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var address = _server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (address ?? "http://localhost").TrimEnd('/');
    }
}

internal enum LinkCheck
{
    Valid,
    BadSignature,
    Expired,
}
