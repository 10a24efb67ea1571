using System.Globalization;
using Tessera.Webhooks;

namespace Tessera.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The reference libraries' test vector (standard-webhooks/standard-webhooks, libraries/*/ tests).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Signing_matches_the_standard_webhooks_reference_vector()
    {
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, Id, Timestamp, Body));
        Assert.Equal(Expected, WebhookSignature.Sign(Secret["whsec_".Length..], Id, Timestamp, Body));
    }

    [Fact]
    public void The_reference_signature_verifies_within_the_tolerance()
    {
        Assert.True(WebhookSignature.Verify(Secret, Id, Ts(), Body, Expected, SentAt));
        Assert.True(WebhookSignature.Verify(Secret, Id, Ts(), Body, Expected, SentAt.AddMinutes(5)));
        Assert.True(WebhookSignature.Verify(Secret, Id, Ts(), Body, Expected, SentAt.AddMinutes(-5)));
    }

    [Fact]
    public void A_timestamp_older_or_newer_than_five_minutes_is_refused()
    {
        Assert.False(WebhookSignature.Verify(Secret, Id, Ts(), Body, Expected, SentAt.AddSeconds(301)));
        Assert.False(WebhookSignature.Verify(Secret, Id, Ts(), Body, Expected, SentAt.AddSeconds(-301)));
    }

    [Fact]
    public void A_changed_body_id_timestamp_or_secret_is_refused()
    {
        Assert.False(WebhookSignature.Verify(Secret, Id, Ts(), Body + " ", Expected, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id + "x", Ts(), Body, Expected, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, (Timestamp + 1).ToString(CultureInfo.InvariantCulture), Body, Expected, SentAt));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, Ts(), Body, Expected, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, "not-a-number", Body, Expected, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, Ts(), Body, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd", SentAt));
    }

    [Fact]
    public void One_valid_v1_signature_among_several_is_enough()
    {
        var header = $"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,{Expected[3..]} {Expected}";

        Assert.True(WebhookSignature.Verify(Secret, Id, Ts(), Body, header, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, Ts(), Body, "v2," + Expected[3..], SentAt));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSignature.Key(secret).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    private static string Ts() => Timestamp.ToString(CultureInfo.InvariantCulture);
}
