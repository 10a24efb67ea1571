namespace Tessera.Editing;

/// <summary>
/// The fonts a text layer may name: the TrueType and OpenType files under the system's font folders (Debian's
/// <c>fonts-dejavu-core</c>, <c>fonts-liberation</c> ...), each by its family and style as <see cref="Imaging.FontFiles.Family"/>
/// spells it ("DejaVu Sans Bold") or by its file name without extension ("DejaVuSans-Bold"), any case. Read once: a
/// font installed later needs a restart. Only files found here are ever passed to Pango, so a layer cannot name a path.
/// </summary>
public sealed class EditFonts
{
    private static readonly string[] Folders = ["/usr/share/fonts", "/usr/local/share/fonts"];

    private readonly Lazy<(IReadOnlyList<string> Names, Dictionary<string, string> Files)> _fonts = new(Scan);

    /// <summary>The family-and-style names, sorted, as <c>GET /api/live-editor/status</c> lists them.</summary>
    public IReadOnlyList<string> Names => _fonts.Value.Names;

    /// <summary>The font used when a text layer names none: the Imaging module's default bold sans, else the first found.</summary>
    public string? Default { get; } = Imaging.FontFiles.Find("");

    /// <summary>The file of the named font, or null when this system has none of that name.</summary>
    public string? Find(string name) => _fonts.Value.Files.GetValueOrDefault(name.Trim());

    private static (IReadOnlyList<string>, Dictionary<string, string>) Scan()
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Folders.Where(Directory.Exists))
        {
            IEnumerable<string> found;
            try
            {
                found = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                    .Where(file => file.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".otf", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in found)
            {
                var family = Imaging.FontFiles.Family(file);
                if (files.TryAdd(family, file))
                {
                    names.Add(family);
                }

                files.TryAdd(Path.GetFileNameWithoutExtension(file), file);
            }
        }

        return ([.. names], files);
    }
}
