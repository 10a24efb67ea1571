using Tessera.Common;

namespace Tessera.Jobs;

/// <summary>One page of an account's jobs, most recent first; <see cref="NextCursor"/> fetches the next page (null on the last).</summary>
public sealed record JobPage(IReadOnlyList<Job> Jobs, string? NextCursor)
{
    public const int MaxLimit = 100;

    // A cursor is the id of the last job of the previous page: "job_" + 10 time characters + 10 random ones (Ids.NewSequential).
    private const string IdPrefix = "job_";
    private const int IdLength = 24;

    /// <summary>
    /// Null when <paramref name="limit"/> is 1..<see cref="MaxLimit"/> and <paramref name="cursor"/> is absent or a job
    /// id; else a <c>validation_error</c>. A list route checks before it reads, so a typo is told, not silently clamped,
    /// and bytes no database column takes (NUL, invalid UTF-8) never reach the query.
    /// </summary>
    public static Error? CheckQuery(int limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation($"limit: must be between 1 and {MaxLimit}.");
        }

        return cursor is null || IsJobId(cursor)
            ? null
            : Error.Validation("cursor: not a cursor this server gave; pass nextCursor from the previous page as it is, or leave it out.");
    }

    private static bool IsJobId(string text) =>
        text.Length == IdLength && text.StartsWith(IdPrefix, StringComparison.Ordinal)
        && text.AsSpan(IdPrefix.Length).IndexOfAnyExcept("234567abcdefghijklmnopqrstuvwxyz") < 0;
}
