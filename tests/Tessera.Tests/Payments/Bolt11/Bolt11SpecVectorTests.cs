using System.Security.Cryptography;
using System.Text;
using Tessera.Payments.Bolt11;

namespace Tessera.Tests.Payments;

/// <summary>Every example invoice of BOLT #11 decodes to what the spec says, and re-signing it gives the same string.</summary>
public sealed class Bolt11SpecVectorTests
{
    public static TheoryData<string> ValidNames => [.. SpecVectors.Valid.Select(vector => vector.Name)];

    public static TheoryData<string> InvalidNames => [.. SpecVectors.Invalid.Select(vector => vector.Name)];

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Spec_example_decodes_to_what_the_spec_says(string name)
    {
        var vector = SpecVectors.Valid.Single(v => v.Name == name);
        var result = Bolt11Codec.Decode(vector.Invoice);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var invoice = result.Value;

        Assert.Equal(vector.Network, invoice.Network.Name);
        Assert.Equal(vector.AmountMsat, invoice.AmountMsat);
        Assert.Equal(vector.Timestamp, invoice.Timestamp.ToUnixTimeSeconds());
        Assert.Equal(vector.PaymentHash, invoice.PaymentHash);
        Assert.Equal(vector.PaymentSecret, invoice.PaymentSecret);
        Assert.Equal(vector.Description, invoice.Description);
        var expectedDescriptionHash = vector.HashedDescription is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(vector.HashedDescription)));
        Assert.Equal(expectedDescriptionHash, invoice.DescriptionHash);
        Assert.Equal(TimeSpan.FromSeconds(vector.ExpirySeconds), invoice.Expiry);
        Assert.Equal(vector.MinFinalCltvExpiry, invoice.MinFinalCltvExpiry);
        Assert.Equal(vector.FallbackAddresses, invoice.Fallbacks.Select(fallback => fallback.ToAddress(invoice.Network)));
        Assert.Equal(
            vector.Routes.Select(hop => string.Concat(hop)),
            invoice.Routes.SelectMany(route => route).Select(hop => string.Concat(hop.PubKey, hop.ShortChannelIdText, hop.FeeBaseMsat, hop.FeeProportionalMillionths, hop.CltvExpiryDelta)));
        Assert.Equal(vector.Features, invoice.Features);
        Assert.Equal(vector.Metadata, invoice.Metadata);
        Assert.Equal(SpecVectors.PayeePubKey, invoice.PayeePubKey);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Spec_example_re_signed_with_the_spec_key_is_the_same_string(string name)
    {
        var vector = SpecVectors.Valid.Single(v => v.Name == name);
        var invoice = Bolt11Codec.Decode(vector.Invoice).Value;

        var encoded = Bolt11Codec.Encode(invoice, Convert.FromHexString(SpecVectors.PrivateKey));

        // Writers use lower case; the upper-case example is the same invoice.
        Assert.Equal(vector.Invoice.ToLowerInvariant(), encoded);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Spec_invalid_example_is_refused_with_a_reason(string name)
    {
        var (_, text, reason) = SpecVectors.Invalid.Single(v => v.Name == name);

        var result = Bolt11Codec.Decode(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(Bolt11Errors.InvalidInvoice, result.Error.Code);
        Assert.Equal(400, result.Error.Status);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
    }
}
