using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Payments;
using Tessera.Payments.Mpp;
using Tessera.Tests.Storage;
using Tessera.Tests.Support;

namespace Tessera.Tests.Payments.Mpp;

/// <summary>
/// MPP (402 with <c>WWW-Authenticate: Payment …</c>) is a Payments rule: the module issues the challenge, reads both
/// credential forms and writes the receipt, with a key every node shares. The surface round trip is in BsapPaymentTests.
/// </summary>
public sealed class MppChallengesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (MppCharge Charge, byte[] Preimage) NewCharge()
    {
        var preimage = RandomNumberGenerator.GetBytes(32);
        return (new MppCharge("plc_test", 2500, "lnbcrt25u1test", PaymentProof.HashOf(preimage), new DateTimeOffset(2026, 5, 1, 12, 15, 0, TimeSpan.Zero)), preimage);
    }

    private static HttpRequest Request(string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("pixels.example");
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context.Request;
    }

    private static string Draft(MppChallenge challenge, byte[] preimage, string? request = null) =>
        "Payment " + Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            challenge = new { id = challenge.Id, realm = challenge.Realm, method = MppChallenge.Method, intent = MppChallenge.Intent, request = request ?? challenge.Request, expires = challenge.Expires },
            payload = new { preimage = Convert.ToHexStringLower(preimage) },
        }));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task An_issued_challenge_echoed_with_its_preimage_is_read_back_and_a_tampered_one_is_invalid_challenge()
    {
        await using var factory = new TesseraFactory();
        var mpp = factory.Services.GetRequiredService<MppChallenges>();
        var (charge, preimage) = NewCharge();

        var challenge = await mpp.IssueAsync(charge, Request(), Ct);
        var read = await mpp.ReadCredentialAsync(Request(Draft(challenge, preimage)), Ct);
        var otherInvoice = Base64Url(Encoding.UTF8.GetBytes("""{"amount":"1","currency":"sat","externalId":"plc_test","methodDetails":{"invoice":"lnbcrt1","paymentHash":"00"}}"""));
        var tampered = await mpp.ReadCredentialAsync(Request(Draft(challenge, preimage, otherInvoice)), Ct);
        var seed = await mpp.ReadCredentialAsync(Request("Payment credential=\"" + Base64Url(Encoding.UTF8.GetBytes($"{{\"preimage\":\"{Convert.ToHexString(preimage)}\"}}")) + "\""), Ct);
        var garbage = await mpp.ReadCredentialAsync(Request("Payment !!!"), Ct);

        Assert.Equal("pixels.example", challenge.Realm);
        Assert.StartsWith($"Payment id=\"{challenge.Id}\", realm=\"pixels.example\", method=\"lightning\", intent=\"charge\"", challenge.Header());
        Assert.Contains("invoice=\"lnbcrt25u1test\"", challenge.Header());
        Assert.True(read.IsSuccess);
        Assert.Equal(preimage, read.Value.Preimage);
        Assert.Equal(challenge.Id, read.Value.ChallengeId);
        Assert.Equal("invalid_challenge", tampered.Error!.Code);
        Assert.Equal(preimage, seed.Value.Preimage);
        Assert.Null(seed.Value.ChallengeId);
        Assert.Equal("malformed_credential", garbage.Error!.Code);
    }

    [Fact]
    public async Task The_receipt_names_the_echoed_challenge_or_the_one_issued_for_the_charge()
    {
        await using var factory = new TesseraFactory();
        var mpp = factory.Services.GetRequiredService<MppChallenges>();
        var (charge, preimage) = NewCharge();
        var challenge = await mpp.IssueAsync(charge, Request(), Ct);
        var paidAt = new DateTimeOffset(2026, 5, 1, 12, 3, 4, TimeSpan.Zero);

        var receipt = await mpp.ReceiptAsync(new MppCredential(preimage, null), charge, paidAt, Request(), Ct);
        using var body = JsonDocument.Parse(Convert.FromBase64String(receipt.Replace('-', '+').Replace('_', '/').PadRight(receipt.Length + (4 - receipt.Length % 4) % 4, '=')));

        Assert.Equal(challenge.Id, body.RootElement.GetProperty("challengeId").GetString());
        Assert.Equal(charge.PaymentHash, body.RootElement.GetProperty("reference").GetString());
        Assert.Equal("success", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("2026-05-01T12:03:04Z", body.RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Every_node_issues_the_same_challenge_id_from_one_key_kept_encrypted_in_payments_settings()
    {
        await using var nodes = new TwoNodes();
        var (charge, preimage) = NewCharge();

        var fromA = await nodes.A.Services.GetRequiredService<MppChallenges>().IssueAsync(charge, Request(), Ct);
        var onB = await nodes.B.Services.GetRequiredService<MppChallenges>().ReadCredentialAsync(Request(Draft(fromA, preimage)), Ct);

        Assert.Equal(fromA.Id, onB.Value.ChallengeId);
        Assert.StartsWith("enc1:", await nodes.A.Database.ScalarAsync("SELECT value FROM payments_settings WHERE name = 'mpp_challenge_key'"));
    }
}
