using System.Text.Json;
using Tessera.Payments.Nwc.Nostr;

namespace Tessera.Tests.Payments.Nwc;

public sealed class NostrEventTests
{
    // A published kind-4 event (rust-nostr's test fixture): its id and signature are known to be valid.
    private const string KnownEvent = """
        {"content":"uRuvYr585B80L6rSJiHocw==?iv=oh6LVqdsYYol3JfFnXTbPA==","created_at":1640839235,"id":"2be17aa3031bdcb006f0fce80c146dea9c1c0268b0af2398bb673365c6444d45","kind":4,"pubkey":"f86c44a2de95d9149b51c6a29afeabba264c18e2fa7c49de93424a0c56947785","sig":"a5d9290ef9659083c490b303eb7ee41356d8778ff19f2f91776c8dc4443388a64ffcf336e61af4c25c05ac3ae952d1ced889ed655b67790891222aaa15b99fdd","tags":[["p","13adc511de7e1cfcf1c6b7f6365fb5a03442d7bcacf565ea57fa7770912c023d"]]}
        """;

    private static NostrEvent Known => JsonSerializer.Deserialize<NostrEvent>(KnownEvent)!;

    [Fact]
    public void A_known_published_event_has_the_id_of_its_fields_and_a_valid_signature()
    {
        var known = Known;
        Assert.Equal(known.Id, Convert.ToHexStringLower(NostrEvents.ComputeId(known.PubKey, known.CreatedAt, known.Kind, known.Tags, known.Content)));
        Assert.True(NostrEvents.Verify(known));
    }

    [Fact]
    public void Changing_any_field_or_the_signature_fails_verification()
    {
        var known = Known;
        Assert.False(NostrEvents.Verify(known with { Content = known.Content + " " }));
        Assert.False(NostrEvents.Verify(known with { CreatedAt = known.CreatedAt + 1 }));
        Assert.False(NostrEvents.Verify(known with { Tags = [] }));
        Assert.False(NostrEvents.Verify(known with { Sig = "00" + known.Sig[2..] }));
        Assert.False(NostrEvents.Verify(known with { Id = known.Id.ToUpperInvariant() }));
    }

    [Fact]
    public void Serialization_escapes_only_what_nip01_names_and_keeps_unicode_as_is()
    {
        var json = NostrEvents.Serialize("ab", 1, 23194, [["p", "x\"y"]], "line\nquote\" back\\ cr\r tab\t bs\b ff\f nul\u0001 é🍕 </>");

        Assert.Equal("[0,\"ab\",1,23194,[[\"p\",\"x\\\"y\"]],\"line\\nquote\\\" back\\\\ cr\\r tab\\t bs\\b ff\\f nul\\u0001 é🍕 </>\"]", json);
    }

    [Fact]
    public void An_event_we_sign_verifies_and_survives_a_json_round_trip()
    {
        var keys = NostrKeys.Generate();
        var signed = NostrEvents.Create(keys, 1_700_000_000, 23194, [["p", keys.PublicKeyHex], ["encryption", "nip44_v2"]], "ünïcode \"content\"\n");

        var roundTripped = JsonSerializer.Deserialize<NostrEvent>(JsonSerializer.Serialize(signed))!;

        Assert.True(NostrEvents.Verify(roundTripped));
        Assert.Equal(keys.PublicKeyHex, roundTripped.PubKey);
        Assert.Equal("nip44_v2", roundTripped.FirstTagValue("encryption"));
    }
}
