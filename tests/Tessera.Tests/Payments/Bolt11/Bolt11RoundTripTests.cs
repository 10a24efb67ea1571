using System.Security.Cryptography;
using Tessera.Payments.Bolt11;

namespace Tessera.Tests.Payments;

public sealed class Bolt11RoundTripTests
{
    private static readonly byte[] Key = Convert.FromHexString(SpecVectors.PrivateKey);

    private static Bolt11Invoice Regtest(long? amountMsat = 2_500_000) => new()
    {
        Network = Bolt11Network.Regtest,
        AmountMsat = amountMsat,
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000),
        PaymentHash = Convert.ToHexStringLower(SHA256.HashData([1, 2, 3])),
        PaymentSecret = SpecVectors.PaymentSecret,
        Description = "a square on the canvas",
        Expiry = TimeSpan.FromMinutes(15),
        Features = [Bolt11Features.VarOnionOptin, Bolt11Features.PaymentSecret],
    };

    [Fact]
    public void An_invoice_built_in_code_decodes_to_the_same_values_and_names_its_signer()
    {
        var text = Bolt11Codec.Encode(Regtest(), Key);

        Assert.StartsWith("lnbcrt25u1", text, StringComparison.Ordinal);
        var decoded = Bolt11Codec.Decode(text).Value;
        Assert.Equal(Bolt11Network.Regtest, decoded.Network);
        Assert.Equal(2_500_000, decoded.AmountMsat);
        Assert.Equal(Regtest().PaymentHash, decoded.PaymentHash);
        Assert.Equal("a square on the canvas", decoded.Description);
        Assert.Equal(TimeSpan.FromMinutes(15), decoded.Expiry);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_750_000_900), decoded.ExpiresAt);
        Assert.Equal(SpecVectors.PayeePubKey, decoded.PayeePubKey);
    }

    [Theory]
    [InlineData(null, "lnbcrt1")]
    [InlineData(100_000_000_000L, "lnbcrt11")]
    [InlineData(1_000L, "lnbcrt10n1")]
    [InlineData(1L, "lnbcrt10p1")]
    [InlineData(123_456_789L, "lnbcrt1234567890p1")]
    public void Amounts_take_the_shortest_form(long? amountMsat, string start)
    {
        var text = Bolt11Codec.Encode(Regtest(amountMsat), Key);

        Assert.StartsWith(start, text, StringComparison.Ordinal);
        Assert.Equal(amountMsat, Bolt11Codec.Decode(text).Value.AmountMsat);
    }

    [Fact]
    public void An_n_field_is_written_and_the_signature_is_checked_against_it()
    {
        var text = Bolt11Codec.Encode(Regtest() with { PayeePubKey = SpecVectors.PayeePubKey }, Key);
        var decoded = Bolt11Codec.Decode(text).Value;
        Assert.Contains(decoded.Fields, field => field.Type == Bolt11FieldTypes.PayeePubKey);
        Assert.Equal(SpecVectors.PayeePubKey, decoded.PayeePubKey);

        // An invoice naming another node in its n field, carrying a signature made by this key: refused.
        var otherPrivateKey = SHA256.HashData([9]);
        var otherNode = Convert.ToHexStringLower(Secp256k1.PublicKey(otherPrivateKey));
        var namesOther = Bolt11Codec.Encode(Regtest() with { PayeePubKey = otherNode }, otherPrivateKey);
        var result = Bolt11Codec.Decode(SwapSignature(namesOther, text));
        Assert.False(result.IsSuccess);
        Assert.Contains("n field", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_value_of_a_decoded_invoice_is_written_in_its_place()
    {
        var original = Bolt11Codec.Decode(SpecVectors.Valid.Single(v => v.Name == "coffee-beans-ignored-fields").Invoice).Value;

        var text = Bolt11Codec.Encode(original with { Description = "tea leaves" }, Key);

        var decoded = Bolt11Codec.Decode(text).Value;
        Assert.Equal("tea leaves", decoded.Description);
        Assert.Equal(original.Fields.Select(field => field.Type), decoded.Fields.Select(field => field.Type));
    }

    [Fact]
    public void A_flipped_character_fails_the_checksum()
    {
        var text = Bolt11Codec.Encode(Regtest(), Key);
        var flipped = text[..40] + (text[40] == 'q' ? 'p' : 'q') + text[41..];

        var result = Bolt11Codec.Decode(flipped);

        Assert.Contains("checksum", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_longer_than_a_field_holds_is_a_programming_error()
    {
        var invoice = Regtest() with { Description = new string('a', 640) };

        Assert.Throws<ArgumentException>(() => Bolt11Codec.Encode(invoice, Key));
    }

    [Theory]
    [InlineData("A12UEL5L")]
    [InlineData("a12uel5l")]
    [InlineData("an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs")]
    [InlineData("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw")]
    [InlineData("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w")]
    public void Bip173_valid_strings_decode(string text) => Assert.True(Bech32.Decode(text).IsSuccess);

    [Theory]
    [InlineData("pzry9x0s0muk")]
    [InlineData("1pzry9x0s0muk")]
    [InlineData("x1b4n0q5v")]
    [InlineData("li1dgmt3")]
    [InlineData("A1G7SGD8")]
    public void Bip173_invalid_strings_are_refused(string text) => Assert.False(Bech32.Decode(text).IsSuccess);

    /// <summary>Keeps <paramref name="fields"/>' data part but puts <paramref name="signatureSource"/>'s signature on it.</summary>
    private static string SwapSignature(string fields, string signatureSource)
    {
        var (hrp, words) = Bech32.Decode(fields).Value;
        var (_, signatureWords) = Bech32.Decode(signatureSource).Value;
        return Bech32.Encode(hrp, [.. words[..^104], .. signatureWords[^104..]]);
    }
}
