using Microsoft.Extensions.Options;

namespace Tessera.Payments;

/// <summary>Refuses to start with an unknown backend, or with the LND backend but no usable URL, macaroon or certificate.</summary>
internal sealed class LightningOptionsValidator : IValidateOptions<LightningOptions>
{
    public ValidateOptionsResult Validate(string? name, LightningOptions options)
    {
        if (!LightningOptions.Backends.Contains(options.Backend))
        {
            return ValidateOptionsResult.Fail($"Tessera:Lightning:Backend must be one of {string.Join(", ", LightningOptions.Backends)}, not '{options.Backend}'.");
        }

        if (options.Dev.PollInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Tessera:Lightning:Dev:PollInterval must be positive.");
        }

        if (options.Backend != LightningOptions.LndBackend)
        {
            return ValidateOptionsResult.Success;
        }

        var lnd = options.Lnd;
        var failures = new List<string>();
        if (!Uri.TryCreate(lnd.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Tessera:Lightning:Lnd:Url must be LND's REST URL (https://host:8080).");
        }

        if (lnd.MacaroonHex is { Length: > 0 } hex)
        {
            if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            {
                failures.Add("Tessera:Lightning:Lnd:MacaroonHex is not hex.");
            }
        }
        else if (lnd.MacaroonPath is not { Length: > 0 } || !File.Exists(lnd.MacaroonPath))
        {
            failures.Add("Tessera:Lightning:Lnd needs MacaroonHex, or MacaroonPath naming a file that exists.");
        }

        if (lnd.TlsCertificatePath is { Length: > 0 } certificate && !File.Exists(certificate))
        {
            failures.Add($"Tessera:Lightning:Lnd:TlsCertificatePath '{certificate}' does not exist.");
        }

        if (lnd.Timeout <= TimeSpan.Zero || lnd.ReconnectDelay <= TimeSpan.Zero || lnd.MaxReconnectDelay < lnd.ReconnectDelay)
        {
            failures.Add("Tessera:Lightning:Lnd timeouts must be positive and MaxReconnectDelay at least ReconnectDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
