using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Common;

namespace Tessera.Payments.Mpp;

/// <summary>
/// An <c>Authorization: Payment …</c> credential, in either form a client sends:
/// <list type="bullet">
/// <item>the seed's: <c>Payment credential="&lt;base64url&gt;"</c>, the base64url of <c>{"preimage":"&lt;hex&gt;"}</c> or of the 32 raw bytes;</item>
/// <item>the draft's: <c>Payment &lt;base64url&gt;</c> of <c>{"challenge":{id, realm, method, intent, request, expires}, "payload":{"preimage":"&lt;hex&gt;"}}</c>:
/// the challenge must be one this server issued (its id is the HMAC of its parameters) for the invoice the preimage pays.</item>
/// </list>
/// Read by <see cref="MppChallenges.ReadCredentialAsync"/>, which knows the key.
/// </summary>
public sealed record MppCredential(byte[] Preimage, string? ChallengeId)
{
    public static readonly Error Malformed = new("malformed_credential",
        "The Payment credential could not be read: send credential=\"<base64url of {\\\"preimage\\\":\\\"<hex>\\\"}>\" or the draft's base64url JSON {challenge, payload:{preimage}}.", 400);

    public static readonly Error InvalidChallenge = new("invalid_challenge", "The echoed challenge was not issued by this server for this payment.", 400);

    /// <summary>Whether the request carries a Payment credential at all (then it is a paid retry, never a new reservation).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(MppChallenge.Scheme + " ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the credential of an <c>Authorization</c> value that <see cref="IsPresent"/> accepted.</summary>
    internal static Result<MppCredential> Parse(string authorization, byte[] challengeKey)
    {
        var token = authorization[(MppChallenge.Scheme.Length + 1)..].Trim();
        if (SeedParameter(token) is { } seed)
        {
            return MppChallenge.FromBase64Url(seed) switch
            {
                { Length: PaymentProof.PreimageBytes } raw => new MppCredential(raw, null),
                { } json => PreimageOf(json, "preimage") is { } preimage ? new MppCredential(preimage, null) : Malformed,
                null => Malformed,
            };
        }

        return MppChallenge.FromBase64Url(token) is { } bytes ? Draft(bytes, challengeKey) : Malformed;
    }

    private static Result<MppCredential> Draft(byte[] json, byte[] challengeKey)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("challenge", out var challenge) || challenge.ValueKind != JsonValueKind.Object
                || PaymentProof.ParseHex(Text(payload, "preimage")) is not { } preimage)
            {
                return Malformed;
            }

            var (id, realm, method, intent, request, expires) =
                (Text(challenge, "id"), Text(challenge, "realm"), Text(challenge, "method"), Text(challenge, "intent"), Text(challenge, "request"), Text(challenge, "expires"));
            if (id is null || realm is null || method != MppChallenge.Method || intent != MppChallenge.Intent || request is null || expires is null)
            {
                return InvalidChallenge;
            }

            var expected = MppChallenge.Sign(challengeKey, realm, method, intent, request, expires);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(id))
                || PaymentHashOf(request) is not { } paymentHash || !PaymentProof.Matches(preimage, paymentHash))
            {
                return InvalidChallenge;
            }

            return new MppCredential(preimage, id);
        }
        catch (JsonException)
        {
            return Malformed;
        }
    }

    /// <summary>The value of <c>credential="…"</c> (quoted or not), or null when the token is not in the seed's form.</summary>
    private static string? SeedParameter(string token)
    {
        const string name = "credential=";
        if (!token.StartsWith(name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = token[name.Length..].Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }

    private static byte[]? PreimageOf(byte[] json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? PaymentProof.ParseHex(Text(document.RootElement, property)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PaymentHashOf(string request)
    {
        if (MppChallenge.FromBase64Url(request) is not { } json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("methodDetails", out var details)
            && details.ValueKind == JsonValueKind.Object
            ? Text(details, "paymentHash")
            : null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
