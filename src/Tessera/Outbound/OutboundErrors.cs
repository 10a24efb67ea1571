using Tessera.Common;

namespace Tessera.Outbound;

/// <summary>The stable codes of a refused or failed outbound request (docs/outbound.md).</summary>
public static class OutboundErrors
{
    public const string BlockedAddressCode = "blocked_address";
    public const string BadSchemeCode = "bad_scheme";
    public const string InvalidUrlCode = "invalid_url";
    public const string TooManyRedirectsCode = "too_many_redirects";
    public const string TooLargeCode = "too_large";
    public const string TimeoutCode = "timeout";
    public const string UnreachableCode = "unreachable";

    public static Error BlockedAddress(string message) => new(BlockedAddressCode, message, 400);

    public static Error BadScheme(string scheme) => new(BadSchemeCode, $"Only http and https URLs are allowed, not '{scheme}'.", 400);

    public static Error InvalidUrl(string message) => new(InvalidUrlCode, message, 400);

    public static Error TooManyRedirects(int limit) => new(TooManyRedirectsCode, $"More than {limit} redirects.", 502);

    public static Error TooLarge(long limit) => new(TooLargeCode, $"The response is larger than {limit} bytes.", 502);

    public static Error Timeout(TimeSpan limit) => new(TimeoutCode, $"No complete response within {limit.TotalSeconds:0.###} s.", 504);

    public static Error Unreachable(string message) => new(UnreachableCode, message, 502);
}
