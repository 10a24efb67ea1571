using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tessera.Media;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Tests.Media;

public sealed class JobLinksTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 20, 0, TimeSpan.Zero));
    private readonly JobLinks _links;

    public JobLinksTests()
    {
        var ring = new SecretKeyRing(
            Options.Create(new SecretKeyOptions { SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }),
            Options.Create(new StorageOptions { Data = Path.GetTempPath() }), new ConfigurationBuilder().Build(), NullLogger<SecretKeyRing>.Instance);
        _links = new JobLinks(new MediaLinks(new SecretProtector(ring)), _time, Options.Create(new MediaOptions { DownloadLinkLifetime = TimeSpan.FromDays(1) }));
    }

    [Fact]
    public void A_link_ends_on_the_whole_hour_after_its_lifetime_so_polling_hands_out_one_url()
    {
        var first = _links.File(1024, "photo.jpg");
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), first.Expires);
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(first, _links.File(1024, "photo.jpg"));
    }

    [Fact]
    public void A_signed_link_opens_only_what_it_names_until_it_ends()
    {
        var file = _links.File(1024, "photo.jpg");
        var zip = _links.Archive(1024);
        Assert.Equal(LinkVerdict.Open, _links.CheckFile(1024, "photo.jpg", file.Expires, file.Signature));
        Assert.Equal(LinkVerdict.Open, _links.CheckArchive(1024, zip.Expires, zip.Signature));

        // Edited into another job, file, end or kind of link: not this server's.
        Assert.Equal(LinkVerdict.Invalid, _links.CheckFile(1025, "photo.jpg", file.Expires, file.Signature));
        Assert.Equal(LinkVerdict.Invalid, _links.CheckFile(1024, "other.jpg", file.Expires, file.Signature));
        Assert.Equal(LinkVerdict.Invalid, _links.CheckFile(1024, "photo.jpg", file.Expires + 3600, file.Signature));
        Assert.Equal(LinkVerdict.Invalid, _links.CheckArchive(1024, file.Expires, file.Signature));
        Assert.Equal(LinkVerdict.Invalid, _links.CheckFile(1024, "photo.jpg", file.Expires, null));

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        Assert.Equal(LinkVerdict.Expired, _links.CheckFile(1024, "photo.jpg", file.Expires, file.Signature));
        Assert.Equal(LinkVerdict.Expired, _links.CheckArchive(1024, zip.Expires, zip.Signature));
    }
}
