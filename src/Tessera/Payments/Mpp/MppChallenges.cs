using System.Security.Cryptography;
using System.Text.Json;
using Tessera.Common;
using Tessera.Http;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Payments.Mpp;

/// <summary>
/// The Payments module's door to MPP (HTTP 402 with <c>WWW-Authenticate: Payment …</c>): issues the challenge for a
/// charge, reads the <c>Authorization: Payment …</c> credential of the paid retry (either form, <see cref="MppCredential"/>)
/// and writes the <c>Payment-Receipt</c>. A surface only decides what is charged and shapes its answer.
/// <para>
/// Challenge ids are an HMAC under one key that every node shares: 32 random bytes made by the first node that needs
/// them, kept in <c>payments_settings</c> encrypted (<see cref="ISecretProtector"/>, so a copy of the database cannot
/// mint challenge ids) and held in memory once read (the key never changes after it exists).
/// </para>
/// </summary>
public sealed class MppChallenges(TesseraDatabase database, ISecretProtector protector, IConfiguration configuration, TimeProvider time)
{
    internal const string KeyName = "mpp_challenge_key";

    /// <summary>
    /// The key's encryption purpose. It keeps the name it had when Billion Satoshi stored the key itself (migration 0047
    /// moved the row here), so a key written before still decrypts and challenges issued before still verify.
    /// </summary>
    internal const string KeyPurpose = "bsap.mpp_challenge_key";

    private byte[]? _key;

    /// <summary>Whether the request carries a Payment credential at all (then it is a paid retry, never a new charge).</summary>
    public static bool IsPresent(HttpRequest request) => MppCredential.IsPresent(request);

    /// <summary>The challenge for <paramref name="charge"/>, in the protection space of this request's public host.</summary>
    public async Task<MppChallenge> IssueAsync(MppCharge charge, HttpRequest request, CancellationToken cancellationToken) =>
        MppChallenge.For(charge, Realm(request), await KeyAsync(cancellationToken));

    /// <summary>
    /// The credential of the request's <c>Authorization: Payment …</c> header. Fails with <c>malformed_credential</c> (400)
    /// or, for the draft's form, <c>invalid_challenge</c> (400: an echoed challenge this server did not issue, or one for
    /// another invoice than the preimage pays).
    /// </summary>
    public async Task<Result<MppCredential>> ReadCredentialAsync(HttpRequest request, CancellationToken cancellationToken) =>
        MppCredential.Parse(request.Headers.Authorization.ToString(), await KeyAsync(cancellationToken));

    /// <summary>
    /// The draft's receipt for <paramref name="charge"/>, paid at <paramref name="paidAt"/>: base64url of JCS
    /// <c>{challengeId, method, reference: paymentHash, status: "success", timestamp}</c>. The challenge id is the
    /// echoed one, or (the seed's form echoes none) the id of the challenge this server issued for the charge.
    /// </summary>
    public async Task<string> ReceiptAsync(MppCredential credential, MppCharge charge, DateTimeOffset paidAt, HttpRequest request, CancellationToken cancellationToken)
    {
        var challengeId = credential.ChallengeId ?? (await IssueAsync(charge, request, cancellationToken)).Id;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("challengeId", challengeId);
            writer.WriteString("method", MppChallenge.Method);
            writer.WriteString("reference", charge.PaymentHash);
            writer.WriteString("status", "success");
            writer.WriteString("timestamp", MppChallenge.Rfc3339(paidAt));
            writer.WriteEndObject();
        }

        return MppChallenge.Base64Url(buffer.ToArray());
    }

    /// <summary>The protection space of a challenge: the public host (Tessera:PublicBaseUrl behind a proxy).</summary>
    private string Realm(HttpRequest request) =>
        Uri.TryCreate(PublicBaseUrl.Of(request, configuration), UriKind.Absolute, out var uri) ? uri.Authority : request.Host.Value ?? "tessera";

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        // First writer wins (ON CONFLICT DO NOTHING), then every node reads the same row back.
        var made = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), KeyPurpose);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("INSERT INTO payments_settings (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING")
            .With("@name", KeyName).With("@value", made).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        await using var read = connection.Command("SELECT value FROM payments_settings WHERE name = @name").With("@name", KeyName);
        var stored = (string)(await read.ExecuteScalarAsync(cancellationToken))!;
        return _key = Convert.FromBase64String(protector.Unprotect(stored, KeyPurpose));
    }
}
