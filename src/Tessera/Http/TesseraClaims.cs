namespace Tessera.Http;

/// <summary>Claims the API-key handler puts on an authenticated request; other modules read these, nothing else.</summary>
public static class TesseraClaims
{
    /// <summary>The account the key belongs to.</summary>
    public const string AccountId = "tessera:account";

    /// <summary>The key's id (the readable part of the key, without the secret).</summary>
    public const string KeyId = "tessera:key";

    /// <summary>One claim per granted scope; <c>*</c> means every scope.</summary>
    public const string Scope = "tessera:scope";

    /// <summary>The account's status (<c>active</c>, <c>suspended</c>) when the key was checked.</summary>
    public const string AccountStatus = "tessera:account-status";

    /// <summary>Present (value <c>true</c>) on the operator's requests.</summary>
    public const string Operator = "tessera:operator";

    public static string? AccountIdOf(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(AccountId)?.Value;

    public static string? KeyIdOf(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(KeyId)?.Value;
}
