using System.Globalization;

namespace Tessera.Payments.Bolt11;

/// <summary>
/// One hop of a private route (an <c>r</c> field): the node at the start of the channel (33-byte key, hex), the channel,
/// and what that channel charges. 51 bytes on the wire.
/// </summary>
public sealed record Bolt11RouteHop(string PubKey, ulong ShortChannelId, uint FeeBaseMsat, uint FeeProportionalMillionths, ushort CltvExpiryDelta)
{
    public const int Size = 33 + 8 + 4 + 4 + 2;

    /// <summary>The channel id as <c>block x transaction x output</c> (e.g. <c>589390x3312x1</c>).</summary>
    public string ShortChannelIdText => string.Create(CultureInfo.InvariantCulture, $"{ShortChannelId >> 40}x{(ShortChannelId >> 16) & 0xffffff}x{ShortChannelId & 0xffff}");
}
