using System.Security.Cryptography;
using System.Text;

namespace Tessera.Automation.Hooks;

/// <summary>
/// A signature under the receiver's own secret, as services like Pixels Ocean document it: lowercase hex of
/// HMAC-SHA256(key = the secret as UTF-8, data = the exact body). A receiver recomputes it over the raw bytes it got.
/// </summary>
public static class ReceiverSignature
{
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
