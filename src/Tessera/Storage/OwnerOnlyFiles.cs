namespace Tessera.Storage;

/// <summary>
/// The data directory holds the database, blobs and the secret key: only the server's own user may read it. Directories
/// are made 0700 and files 0600 (an existing directory or database from an older version is tightened at start), so a
/// second account on the machine can copy nothing. Windows keeps its ACLs: Unix modes do not apply there.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) as 0700; with <paramref name="tighten"/>, an existing one is
    /// tightened to 0700 too (skipped on hot paths whose directories this class made).
    /// </summary>
    public static void EnsureDirectory(string path, bool tighten = true)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // CreateDirectory gives the mode to the last directory only: missing parents are made here first, 0700 too.
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent && !Directory.Exists(parent))
        {
            EnsureDirectory(parent, tighten: false);
        }

        Directory.CreateDirectory(path, OwnerDirectory);
        if (tighten)
        {
            Tighten(path, OwnerDirectory);
        }
    }

    /// <summary>Tightens an existing file to 0600; a missing file is left missing.</summary>
    public static void TightenFile(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            Tighten(path, OwnerFile);
        }
    }

    /// <summary>Options for a new file that is created 0600 whatever the process umask.</summary>
    public static FileStreamOptions NewFile(FileMode mode = FileMode.CreateNew, FileOptions options = FileOptions.None)
    {
        var stream = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            stream.UnixCreateMode = OwnerFile;
        }

        return stream;
    }

    /// <summary>
    /// Makes the SQLite database file before SQLite does, as 0600: SQLite creates its <c>-wal</c> and <c>-shm</c> files
    /// with the database file's own mode, so they follow (no process-wide umask needed). Existing files are tightened.
    /// </summary>
    public static void SqliteDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            try
            {
                // An empty file is a valid empty SQLite database.
                using var created = new FileStream(path, NewFile());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first; tighten it below.
            }
        }

        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            TightenFile(path + suffix);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode mode)
    {
        try
        {
            if ((File.GetUnixFileMode(path) & ~mode) != 0)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by another user (a shared directory given as --data): leave it; docs/secrets.md says to give Tessera its own.
        }
    }
}
