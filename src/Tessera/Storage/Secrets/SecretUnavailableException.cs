namespace Tessera.Storage.Secrets;

/// <summary>
/// A stored secret this server cannot open: it was encrypted under a key the server was not given (a different
/// <c>TESSERA_SECRET_KEY</c>, a lost key file) or it was altered. Thrown where the secret is used, never at start-up,
/// so the rest of the server keeps working; the error handler answers 503 <c>secret_unavailable</c>.
/// </summary>
public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException(string purpose, string keyId)
        : base($"A stored secret ({purpose}) was encrypted with secret key {keyId}, which this server does not have (or it was altered). " +
               "Set TESSERA_SECRET_KEY (or Tessera:SecretKey) to that key, or list it in Tessera:SecretKeys:Previous; see docs/secrets.md.")
    {
        Purpose = purpose;
        KeyId = keyId;
    }

    public SecretUnavailableException()
        : this("unknown", "unknown")
    {
    }

    public SecretUnavailableException(string message)
        : base(message)
    {
        Purpose = "unknown";
        KeyId = "unknown";
    }

    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Purpose = "unknown";
        KeyId = "unknown";
    }

    public string Purpose { get; }

    public string KeyId { get; }
}
