using System.Data.Common;
using System.Globalization;
using System.Text;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// What a list or search asks for; every filter is optional and they combine with AND. <see cref="AnyTerm"/>: the text
/// matches when any of its words does (ranked by how well), not all (ReplaceFlow's headline keywords).
/// </summary>
public sealed record MediaQuery(
    string? Text = null, string? Tag = null, string? Group = null, long? FolderId = null, string? Kind = null,
    bool Trashed = false, int Limit = 50, int Offset = 0, string? Color = null, bool AnyTerm = false);

/// <summary>
/// Builds the SQL of a list or search for either provider. Free text becomes prefix terms that must all match
/// (<c>sun bea</c> finds "sunset beach"), ranked by the full-text engine (SQLite FTS5 bm25, PostgreSQL ts_rank; name and
/// tags weigh most, then group and labels, then OCR text); without text, newest first. The user's words never reach the
/// SQL text: they are reduced to letters and digits and bound as a parameter.
/// </summary>
internal static class MediaQuerySql
{
    private const int MaxTerms = 16;

    /// <summary>The text's search terms (letters and digits, lower-cased), at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                terms.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            terms.Add(current.ToString());
        }

        return terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
    }

    /// <summary>Binds the query's filters on <paramref name="command"/> and returns the FROM/WHERE part and the ORDER BY.</summary>
    public static (string FromWhere, string OrderBy) Build(DbCommand command, bool sqlite, string accountId, MediaQuery query, IReadOnlyList<string> terms)
    {
        var from = new StringBuilder("FROM media_assets a");
        var where = new StringBuilder(" WHERE a.account_id = @account");
        command.With("@account", accountId);
        var order = "a.id DESC";
        if (terms.Count > 0)
        {
            if (sqlite)
            {
                from.Append(" JOIN media_search s ON s.rowid = a.id");
                where.Append(" AND media_search MATCH @match");
                command.With("@match", string.Join(query.AnyTerm ? " OR " : " ", terms.Select(term => "\"" + term + "\"*")));
                order = "bm25(media_search, 10.0, 8.0, 4.0, 2.0, 4.0), a.id DESC";
            }
            else
            {
                where.Append(" AND a.search @@ to_tsquery('simple', @match)");
                command.With("@match", string.Join(query.AnyTerm ? " | " : " & ", terms.Select(term => term + ":*")));
                order = "ts_rank(a.search, to_tsquery('simple', @match)) DESC, a.id DESC";
            }
        }

        where.Append(query.Trashed ? " AND a.trashed_at IS NOT NULL" : " AND a.trashed_at IS NULL");
        if (query.Kind is { } kind)
        {
            where.Append(" AND a.kind = @kind");
            command.With("@kind", kind);
        }

        if (query.Group is { } group)
        {
            where.Append(" AND a.group_name = @group");
            command.With("@group", group);
        }

        if (query.FolderId is { } folder)
        {
            where.Append(" AND a.folder_id = @folder");
            command.With("@folder", folder);
        }

        if (query.Tag is { } tag)
        {
            // Driven from the tag's index entries (the assets carrying it), not probed once per asset of the account.
            where.Append(" AND a.id IN (SELECT t.asset_id FROM media_tags t WHERE t.account_id = @account AND t.tag = @tag)");
            command.With("@tag", tag);
        }

        return (from.Append(where).ToString(), order);
    }

    public static string Page(MediaQuery query) =>
        string.Create(CultureInfo.InvariantCulture, $" LIMIT {query.Limit} OFFSET {query.Offset}");
}
