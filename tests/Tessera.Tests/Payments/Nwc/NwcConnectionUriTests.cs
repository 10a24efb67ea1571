using Tessera.Payments.Nwc;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Tests.Payments.Nwc;

public sealed class NwcConnectionUriTests
{
    private static readonly NostrKeys Wallet = NostrKeys.FromHex("0000000000000000000000000000000000000000000000000000000000000003");
    private const string Secret = "71a8c14c1407c113601079c4302dab36460f0ccd0ad506f1f2dc73b5100e4f3c";

    [Fact]
    public void A_nip47_uri_gives_the_wallet_key_relays_secret_and_lightning_address()
    {
        var parsed = NwcConnectionUri.Parse(
            $"nostr+walletconnect://{Wallet.PublicKeyHex}?relay=wss%3A%2F%2Frelay.getalby.com%2Fv1&relay=ws://127.0.0.1:7447&secret={Secret}&lud16=me%40getalby.com");

        Assert.True(parsed.IsSuccess);
        Assert.Equal(Wallet.PublicKeyHex, parsed.Value.WalletPublicKeyHex);
        Assert.Equal([new Uri("wss://relay.getalby.com/v1"), new Uri("ws://127.0.0.1:7447")], parsed.Value.Relays);
        Assert.Equal(Convert.FromHexString(Secret), parsed.Value.ClientSecret);
        Assert.Equal("me@getalby.com", parsed.Value.Lud16);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://example.com")]
    [InlineData("nostr+walletconnect://abc?relay=wss://r.example&secret=" + Secret)]
    [InlineData("nostr+walletconnect://WALLET?secret=" + Secret)]
    [InlineData("nostr+walletconnect://WALLET?relay=https://r.example&secret=" + Secret)]
    [InlineData("nostr+walletconnect://WALLET?relay=wss://r.example")]
    [InlineData("nostr+walletconnect://WALLET?relay=wss://r.example&secret=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_uris_are_refused_with_a_reason(string? uri)
    {
        var parsed = NwcConnectionUri.Parse(uri?.Replace("WALLET", Wallet.PublicKeyHex, StringComparison.Ordinal));

        Assert.False(parsed.IsSuccess);
        Assert.StartsWith("Tessera:Lightning:Nwc:ConnectionUri is not a NIP-47 connection URI", parsed.Error.Message, StringComparison.Ordinal);
    }
}
