using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Payments.Nwc.Crypto;

namespace Tessera.Tests.Payments.Nwc;

public sealed class Nip44Tests
{
    private static readonly JsonElement Root = JsonDocument.Parse(Nip44Vectors.Json).RootElement;

    private static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    [Fact]
    public void Conversation_keys_match_the_official_vectors()
    {
        foreach (var v in Root.GetProperty("valid").GetProperty("get_conversation_key").EnumerateArray())
        {
            Assert.Equal(Hex(v, "conversation_key"), Nip44.ConversationKey(Hex(v, "sec1"), Hex(v, "pub2")));
        }
    }

    [Fact]
    public void Invalid_secret_or_public_keys_give_no_conversation_key()
    {
        foreach (var v in Root.GetProperty("invalid").GetProperty("get_conversation_key").EnumerateArray())
        {
            Assert.Throws<ArgumentException>(() => Nip44.ConversationKey(Hex(v, "sec1"), Hex(v, "pub2")));
        }
    }

    [Fact]
    public void Message_keys_match_the_official_vectors()
    {
        var vectors = Root.GetProperty("valid").GetProperty("get_message_keys");
        var conversationKey = Hex(vectors, "conversation_key");
        foreach (var v in vectors.GetProperty("keys").EnumerateArray())
        {
            var keys = Nip44.GetMessageKeys(conversationKey, Hex(v, "nonce"));
            Assert.Equal(Hex(v, "chacha_key"), keys.ChachaKey);
            Assert.Equal(Hex(v, "chacha_nonce"), keys.ChachaNonce);
            Assert.Equal(Hex(v, "hmac_key"), keys.HmacKey);
        }
    }

    [Fact]
    public void Padded_lengths_match_the_official_vectors()
    {
        foreach (var pair in Root.GetProperty("valid").GetProperty("calc_padded_len").EnumerateArray())
        {
            Assert.Equal(pair[1].GetInt32(), Nip44.CalcPaddedLength(pair[0].GetInt32()));
        }
    }

    [Fact]
    public void Encryption_gives_the_official_payloads_and_decryption_reverses_it()
    {
        foreach (var v in Root.GetProperty("valid").GetProperty("encrypt_decrypt").EnumerateArray())
        {
            var conversationKey = Nip44.ConversationKey(Hex(v, "sec1"), Bip340.PublicKey(Hex(v, "sec2")));
            Assert.Equal(Hex(v, "conversation_key"), conversationKey);
            var plaintext = v.GetProperty("plaintext").GetString()!;
            var payload = v.GetProperty("payload").GetString()!;

            Assert.Equal(payload, Nip44.Encrypt(plaintext, conversationKey, Hex(v, "nonce")));
            var decrypted = Nip44.Decrypt(payload, Nip44.ConversationKey(Hex(v, "sec2"), Bip340.PublicKey(Hex(v, "sec1"))));
            Assert.True(decrypted.IsSuccess);
            Assert.Equal(plaintext, decrypted.Value);
        }
    }

    [Fact]
    public void Long_messages_match_the_official_hashes()
    {
        foreach (var v in Root.GetProperty("valid").GetProperty("encrypt_decrypt_long_msg").EnumerateArray())
        {
            var plaintext = string.Concat(Enumerable.Repeat(v.GetProperty("pattern").GetString()!, v.GetProperty("repeat").GetInt32()));
            Assert.Equal(Hex(v, "plaintext_sha256"), SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

            var payload = Nip44.Encrypt(plaintext, Hex(v, "conversation_key"), Hex(v, "nonce"));
            Assert.Equal(Hex(v, "payload_sha256"), SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
            Assert.Equal(plaintext, Nip44.Decrypt(payload, Hex(v, "conversation_key")).Value);
        }
    }

    [Fact]
    public void Plaintexts_of_invalid_length_are_refused()
    {
        foreach (var length in Root.GetProperty("invalid").GetProperty("encrypt_msg_lengths").EnumerateArray())
        {
            Assert.Throws<ArgumentException>(() => Nip44.Encrypt(new string('a', length.GetInt32()), new byte[32], new byte[32]));
        }
    }

    [Fact]
    public void Invalid_payloads_are_refused_with_a_reason()
    {
        foreach (var v in Root.GetProperty("invalid").GetProperty("decrypt").EnumerateArray())
        {
            var result = Nip44.Decrypt(v.GetProperty("payload").GetString()!, Hex(v, "conversation_key"));
            Assert.False(result.IsSuccess, v.GetProperty("note").GetString());
            var note = v.GetProperty("note").GetString()!;
            var expectedCode = note switch
            {
                _ when note.StartsWith("unknown encryption version", StringComparison.Ordinal) => "nip44_unknown_version",
                "invalid MAC" => "nip44_invalid_mac",
                "invalid padding" => "nip44_invalid_padding",
                _ => "nip44_invalid_payload",
            };
            Assert.Equal(expectedCode, result.Error.Code);
        }
    }

    [Fact]
    public void A_flipped_ciphertext_bit_fails_the_mac()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var bytes = Convert.FromBase64String(Nip44.Encrypt("{\"method\":\"make_invoice\"}", key));
        bytes[40] ^= 1;
        Assert.Equal("nip44_invalid_mac", Nip44.Decrypt(Convert.ToBase64String(bytes), key).Error?.Code);
    }
}
