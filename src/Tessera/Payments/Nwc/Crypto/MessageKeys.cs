namespace Tessera.Payments.Nwc.Crypto;

/// <summary>The per-message keys NIP-44 derives from the conversation key and the message's nonce.</summary>
public sealed record MessageKeys(byte[] ChachaKey, byte[] ChachaNonce, byte[] HmacKey);
