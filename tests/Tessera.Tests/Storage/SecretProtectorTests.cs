using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Tests.Storage;

/// <summary>The AES-GCM protector and keyed hash on their own: purpose binding, tampering, unknown keys, rotation, bad keys.</summary>
public sealed class SecretProtectorTests
{
    [Fact]
    public void A_value_round_trips_and_each_encryption_differs()
    {
        var protector = Protector(NewKey());
        var first = protector.Protect("whsec_abc", "p");
        var second = protector.Protect("whsec_abc", "p");
        Assert.NotEqual(first, second);
        Assert.StartsWith("enc1:", first);
        Assert.DoesNotContain("whsec_abc", first);
        Assert.Equal("whsec_abc", protector.Unprotect(first, "p"));
        Assert.True(protector.IsCurrent(first));
        Assert.False(protector.IsCurrent("whsec_abc"));
    }

    [Fact]
    public void A_value_does_not_open_for_another_purpose_or_after_tampering()
    {
        var protector = Protector(NewKey());
        var stored = protector.Protect("secret", "webhooks.secret");
        Assert.Throws<SecretUnavailableException>(() => protector.Unprotect(stored, "jobs.output_signing_key"));
        var tampered = stored[..^2] + (stored[^2] == 'A' ? "B" : "A") + stored[^1];
        Assert.Throws<SecretUnavailableException>(() => protector.Unprotect(tampered, "webhooks.secret"));
        Assert.Throws<SecretUnavailableException>(() => protector.Unprotect("enc1:deadbeef:AAAA", "webhooks.secret"));
    }

    [Fact]
    public void A_clear_value_from_before_encryption_is_read_as_it_is()
    {
        Assert.Equal("whsec_old", Protector(NewKey()).Unprotect("whsec_old", "webhooks.secret"));
    }

    [Fact]
    public void Another_key_cannot_open_a_value_but_the_same_key_listed_as_previous_can()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        var stored = Protector(oldKey).Protect("node key", "p");
        var error = Assert.Throws<SecretUnavailableException>(() => Protector(newKey).Unprotect(stored, "p"));
        Assert.Contains("TESSERA_SECRET_KEY", error.Message);
        var rotated = Protector(newKey, previous: oldKey);
        Assert.Equal("node key", rotated.Unprotect(stored, "p"));
        Assert.False(rotated.IsCurrent(stored));
    }

    [Fact]
    public void A_keyed_hash_matches_its_value_only_under_a_key_the_server_has()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        var hash = Protector(oldKey).Hash("12345", "verification.answer");
        Assert.StartsWith("hmac1:", hash);
        Assert.True(Protector(oldKey).HashMatches("12345", hash, "verification.answer"));
        Assert.False(Protector(oldKey).HashMatches("12346", hash, "verification.answer"));
        Assert.False(Protector(oldKey).HashMatches("12345", hash, "another"));
        Assert.False(Protector(oldKey).HashMatches("12345", "12345", "verification.answer"));
        Assert.False(Protector(newKey).HashMatches("12345", hash, "verification.answer"));
        Assert.True(Protector(newKey, previous: oldKey).HashMatches("12345", hash, "verification.answer"));
    }

    [Fact]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Protector("c2hvcnQ="));
        Assert.Contains("openssl rand -base64 32", error.Message);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretProtector Protector(string key, string? previous = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SecretKeyOptions.PreviousKeysSection] = previous })
            .Build();
        var ring = new SecretKeyRing(
            Options.Create(new SecretKeyOptions { SecretKey = key }), Options.Create(new StorageOptions { Data = Path.GetTempPath() }),
            configuration, NullLogger<SecretKeyRing>.Instance);
        return new SecretProtector(ring);
    }
}
