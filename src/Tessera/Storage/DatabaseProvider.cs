namespace Tessera.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
