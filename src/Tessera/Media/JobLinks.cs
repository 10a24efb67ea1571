using Microsoft.Extensions.Options;

namespace Tessera.Media;

/// <summary>A signature and the Unix time it stops opening a job's file or ZIP.</summary>
public readonly record struct SignedLink(long Expires, string Signature);

/// <summary>What a presented link is: one this server signed and still open, one it signed that has ended, or neither.</summary>
public enum LinkVerdict
{
    Invalid,
    Expired,
    Open,
}

/// <summary>
/// Expiring signed links to a job's files and ZIP (DECISIONS: <c>download_url</c> and <c>/download/{job_id}</c> open
/// with the owner's key or a signature in the query; bare ids open nothing). Unlike a library file's URL these end:
/// a job's links get passed around (chat, tickets) more than an asset's. The end is rounded up to a whole hour, so a
/// job polled every few seconds keeps handing out one URL.
/// </summary>
public sealed class JobLinks(MediaLinks links, TimeProvider time, IOptions<MediaOptions> options)
{
    private const long Hour = 3600;

    public SignedLink File(long number, string name)
    {
        var expires = Expiry();
        return new SignedLink(expires, links.Sign(MediaLinks.JobFile(number, name, expires)));
    }

    public SignedLink Archive(long number)
    {
        var expires = Expiry();
        return new SignedLink(expires, links.Sign(MediaLinks.JobArchive(number, expires)));
    }

    public LinkVerdict CheckFile(long number, string name, long expires, string? signature) =>
        Check(MediaLinks.JobFile(number, name, expires), expires, signature);

    public LinkVerdict CheckArchive(long number, long expires, string? signature) =>
        Check(MediaLinks.JobArchive(number, expires), expires, signature);

    private LinkVerdict Check(string payload, long expires, string? signature) =>
        !links.Verify(payload, signature) ? LinkVerdict.Invalid
        : expires > time.GetUtcNow().ToUnixTimeSeconds() ? LinkVerdict.Open
        : LinkVerdict.Expired;

    private long Expiry()
    {
        var end = time.GetUtcNow().Add(options.Value.DownloadLinkLifetime).ToUnixTimeSeconds();
        return (end + Hour - 1) / Hour * Hour;
    }
}
