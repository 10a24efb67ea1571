using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Tessera.Http;
using Tessera.Storage.Secrets;

namespace Tessera.Jobs;

/// <summary>
/// Signed, time-limited download links for job outputs: <c>{base}/files/{jobId}/{index}?exp=&lt;epoch s&gt;&amp;sig=&lt;base64url
/// HMAC-SHA256("{jobId}/{index}/{exp}")&gt;</c>. The key is <c>Tessera:Jobs:SigningKey</c>, else one made once and kept in
/// the database, so a link signed by one node opens on every node. The stored key is encrypted (<see cref="ISecretProtector"/>):
/// a copy of the database cannot sign a link.
/// </summary>
public sealed class OutputUrls
{
    internal const string SettingName = "output_signing_key";
    internal const string KeyPurpose = "jobs.output_signing_key";

    private readonly Lazy<byte[]> _key;
    private readonly IConfiguration _configuration;
    private readonly IHttpContextAccessor _http;
    private readonly IServer? _server;
    private readonly TimeProvider _time;

    internal OutputUrls(JobStore store, ISecretProtector protector, IOptions<JobsOptions> options, IConfiguration configuration, IHttpContextAccessor http, IServer? server, TimeProvider time)
    {
        _configuration = configuration;
        _http = http;
        _server = server;
        _time = time;
        // Decrypted once and kept: every link signed or checked uses it.
        _key = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(
            options.Value.SigningKey is { Length: > 0 } configured
                ? configured
                : protector.Unprotect(
                    store.Setting(SettingName, protector.Protect(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)), KeyPurpose)),
                    KeyPurpose)));
    }

    /// <summary>An absolute URL for output <paramref name="index"/> of <paramref name="jobId"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Sign(string jobId, int index, TimeSpan lifetime) => Sign(jobId, index, _time.GetUtcNow().Add(lifetime));

    /// <summary>
    /// An absolute URL for output <paramref name="index"/> of <paramref name="jobId"/>, valid until <paramref name="expiresAt"/>
    /// (whole seconds): the same job and expiry give the same URL whenever it is signed, so a webhook payload signed by a
    /// worker and a later poll agree (PixelDojo signs every link with the job's expiresAt).
    /// </summary>
    public string Sign(string jobId, int index, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
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
