namespace Tessera.Storage.Secrets;

/// <summary>
/// The secret key: <c>Tessera:SecretKey</c> (or the <c>TESSERA_SECRET_KEY</c> environment variable), base64 of 32 bytes;
/// when unset, <c>{Data}/keys/secret.key</c>, made on first start with mode 0600. <c>Tessera:SecretKeys:Previous</c>
/// lists older keys (base64, comma-separated or as an array) that still open values while they are re-encrypted.
/// </summary>
public sealed class SecretKeyOptions
{
    public const string Section = "Tessera";
    public const string EnvironmentVariable = "TESSERA_SECRET_KEY";

    /// <summary>Where older keys are listed: one value with commas, or an array (<c>Tessera:SecretKeys:Previous:0</c>, ...).</summary>
    public const string PreviousKeysSection = "Tessera:SecretKeys:Previous";

    public string? SecretKey { get; set; }

    /// <summary>The previous keys as configured: the section's own value split on commas, then its array items.</summary>
    public static IReadOnlyList<string> PreviousKeys(IConfiguration configuration)
    {
        var section = configuration.GetSection(PreviousKeysSection);
        return [.. (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetChildren().Select(child => child.Value?.Trim() ?? "").Where(value => value.Length > 0))];
    }

    /// <summary>The configured key, else the environment variable; null when neither is set (the key file is used).</summary>
    public string? ConfiguredKey() =>
        SecretKey is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}
