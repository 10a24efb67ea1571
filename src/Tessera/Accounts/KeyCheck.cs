using Tessera.Common;

namespace Tessera.Accounts;

/// <summary>The outcome of checking a presented key: the cached key, or the 401 reason.</summary>
internal readonly record struct KeyCheck(CachedKey? Key, Error? Failure)
{
    public static KeyCheck Fail(string message) => new(null, Error.Unauthorized(message));
}
