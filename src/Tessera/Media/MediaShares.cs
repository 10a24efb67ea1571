using Microsoft.AspNetCore.Identity;
using Tessera.Common;

namespace Tessera.Media;

/// <summary>
/// Sharing a collection as a public gallery: the share link's password is kept as an ASP.NET Core Identity password
/// hash (PBKDF2-HMAC-SHA512, salted), checked in constant time; a gallery with a password opens only with it.
/// </summary>
public sealed class MediaShares(MediaCollectionStore collections)
{
    private const int MaxPasswordLength = 128;
    private static readonly PasswordHasher<MediaCollection> Hasher = new();

    public async Task<Result<string?>> ShareAsync(string accountId, long collectionId, bool shared, string? password, CancellationToken cancellationToken)
    {
        if (password is { Length: > MaxPasswordLength })
        {
            return MediaErrors.Invalid($"'password' is longer than {MaxPasswordLength} characters.");
        }

        var hash = string.IsNullOrEmpty(password) ? null : Hasher.HashPassword(null!, password);
        return await collections.ShareAsync(accountId, collectionId, shared, hash, cancellationToken);
    }

    /// <summary>
    /// The shared collection and its items, when <paramref name="password"/> opens it; <c>not_found</c> for an unknown or
    /// unshared token, <c>password_required</c> (401) when one is needed and missing or wrong.
    /// </summary>
    public async Task<Result<(MediaCollection Collection, IReadOnlyList<MediaAsset> Items)>> OpenAsync(string token, string? password, CancellationToken cancellationToken)
    {
        if (token.Length > 64 || await collections.FindSharedAsync(token, cancellationToken) is not { } found)
        {
            return Error.NotFound("No shared gallery has this link.");
        }

        if (found.PasswordHash is { } hash
            && (string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength
                || Hasher.VerifyHashedPassword(null!, hash, password) == PasswordVerificationResult.Failed))
        {
            return new Error("password_required", "This gallery is protected: send its password.", 401);
        }

        return (found.Collection, await collections.ItemsAsync(found.Collection.Id, cancellationToken));
    }
}
