namespace Tessera.Imaging;

/// <summary>
/// The font file text is drawn with (<see cref="TextRenderer"/>): the configured file when set (the local engines'
/// <c>FontFile</c>), else the first of
/// the common Debian/Ubuntu/Fedora bold sans fonts that exists (Debian's <c>fonts-liberation</c> and
/// <c>fonts-dejavu-core</c> packages; scripts/test installs the first). Null when none is present: the engines then
/// draw no text and say so in the job's metadata.
/// </summary>
public static class FontFiles
{
    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ];

    public static string? Find(string configured) =>
        configured.Length > 0
            ? (File.Exists(configured) ? configured : null)
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// The Pango family and style of a font file named the usual way (<c>LiberationSans-Bold.ttf</c> →
    /// "Liberation Sans Bold"), so Pango picks the face the file holds rather than the system's default sans.
    /// </summary>
    public static string Family(string fontFile)
    {
        var name = Path.GetFileNameWithoutExtension(fontFile).Replace('-', ' ');
        var spaced = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                spaced.Append(' ');
            }

            spaced.Append(name[i]);
        }

        return spaced.ToString();
    }
}
