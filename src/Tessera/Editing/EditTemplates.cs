using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Editing;

/// <summary>A saved edit without a base image; <see cref="Edit"/> is its JSON as given.</summary>
public sealed record EditTemplate(long Id, string Name, string Edit, DateTimeOffset CreatedAt);

/// <summary>Templates of the Live Editor; every statement names the account, so another's id is not found.</summary>
public sealed class EditTemplates(TesseraDatabase database, TimeProvider time)
{
    public static Error NotFound(long id) => Error.NotFound($"Template {id} not found.");

    public async Task<List<EditTemplate>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT id, name, edit, created_at FROM edit_templates WHERE account_id = @account ORDER BY id")
            .With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        var templates = new List<EditTemplate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            templates.Add(new EditTemplate(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return templates;
    }

    public async Task<EditTemplate?> GetAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT id, name, edit, created_at FROM edit_templates WHERE id = @id AND account_id = @account")
            .With("@id", id).With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EditTemplate(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }

    public Task<Result<EditTemplate>> CreateAsync(string accountId, string name, string edit, int maxTemplates, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<EditTemplate>>(
            async write =>
            {
                var count = await write.Sql("SELECT COUNT(*) FROM edit_templates WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (count >= maxTemplates)
                {
                    return new Error("limit_reached", $"At most {maxTemplates} templates per account.", 400);
                }

                var now = time.GetUtcNow();
                var id = await write.Sql("INSERT INTO edit_templates (account_id, name, edit, created_at) VALUES (@account, @name, @edit, @now) RETURNING id")
                    .With("@account", accountId).With("@name", name).With("@edit", edit).With("@now", now.ToUnixTimeMilliseconds()).ScalarLongAsync(cancellationToken);
                return new EditTemplate(id, name, edit, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                var deleted = await write.Sql("DELETE FROM edit_templates WHERE id = @id AND account_id = @account").With("@id", id).With("@account", accountId)
                    .ExecuteNonQueryAsync(cancellationToken);
                return deleted == 1 ? true : NotFound(id);
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
}
