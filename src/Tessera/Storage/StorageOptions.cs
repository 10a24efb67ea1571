namespace Tessera.Storage;

/// <summary>Where Tessera keeps its state: <c>Tessera:Data</c> (directory) and <c>Tessera:Database</c> (connection string).</summary>
public sealed class StorageOptions
{
    public const string Section = "Tessera";

    /// <summary>Data directory: the SQLite file and the blob store live here. <c>--data DIR</c>.</summary>
    public string Data { get; set; } = "data";

    /// <summary>
    /// A PostgreSQL connection string (<c>Host=...</c> or a <c>postgres://</c> URI) switches the provider;
    /// empty means SQLite at <c>{Data}/tessera.db</c>; a SQLite connection string (<c>Data Source=...</c>) is taken as is.
    /// </summary>
    public string? Database { get; set; }
}
