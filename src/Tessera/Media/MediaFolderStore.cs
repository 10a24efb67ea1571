using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>Folders: names unique per account (a second folder of the same name is a 409); deleting one moves its assets
/// out of every folder, it never deletes them.</summary>
public sealed class MediaFolderStore(TesseraDatabase database, TimeProvider time)
{
    public async Task<List<MediaFolder>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("""
            SELECT f.id, f.name, f.created_at,
                   (SELECT COUNT(*) FROM media_assets a WHERE a.folder_id = f.id AND a.account_id = f.account_id AND a.trashed_at IS NULL)
            FROM media_folders f WHERE f.account_id = @account ORDER BY f.name
            """).With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        var list = new List<MediaFolder>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new MediaFolder(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return list;
    }

    public Task<Result<MediaFolder>> CreateAsync(string accountId, string name, int maxFolders, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return database.WriteAsync<Result<MediaFolder>>(
            async write =>
            {
                var count = await write.Sql("SELECT COUNT(*) FROM media_folders WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (count >= maxFolders)
                {
                    return MediaErrors.TooMany("folders", maxFolders);
                }

                if (await NameTakenAsync(write, accountId, name, except: null, cancellationToken))
                {
                    return NameConflict(name);
                }

                var id = await write.Sql("INSERT INTO media_folders (account_id, name, created_at) VALUES (@account, @name, @now) RETURNING id")
                    .With("@account", accountId).With("@name", name).With("@now", now.ToUnixTimeMilliseconds()).ScalarLongAsync(cancellationToken);
                return new MediaFolder(id, name, 0, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
    }

    public async Task<Result<MediaFolder>> RenameAsync(string accountId, long id, string name, CancellationToken cancellationToken)
    {
        var renamed = await database.WriteAsync<Result<bool>>(
            async write =>
            {
                if (!await MediaStore.FolderExistsAsync(write, accountId, id, cancellationToken))
                {
                    return MediaErrors.FolderNotFound(id);
                }

                if (await NameTakenAsync(write, accountId, name, except: id, cancellationToken))
                {
                    return NameConflict(name);
                }

                await write.Sql("UPDATE media_folders SET name = @name WHERE id = @id AND account_id = @account")
                    .With("@name", name).With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
        return renamed.IsSuccess ? (await ListAsync(accountId, cancellationToken)).First(folder => folder.Id == id) : renamed.Error;
    }

    public Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                if (!await MediaStore.FolderExistsAsync(write, accountId, id, cancellationToken))
                {
                    return MediaErrors.FolderNotFound(id);
                }

                await write.Sql("UPDATE media_assets SET folder_id = NULL WHERE folder_id = @id AND account_id = @account")
                    .With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                await write.Sql("DELETE FROM media_folders WHERE id = @id AND account_id = @account")
                    .With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    private static async Task<bool> NameTakenAsync(WriteCommands write, string accountId, string name, long? except, CancellationToken cancellationToken) =>
        await write.Sql("SELECT COUNT(*) FROM media_folders WHERE account_id = @account AND name = @name AND id <> @except")
            .With("@account", accountId).With("@name", name).With("@except", except ?? -1).ScalarLongAsync(cancellationToken) > 0;

    private static Error NameConflict(string name) => Error.Conflict("folder_exists", $"You already have a folder named '{name}'.");
}
