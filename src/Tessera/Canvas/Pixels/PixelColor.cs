using System.Globalization;

namespace Tessera.Canvas.Pixels;

/// <summary>Colours as the API speaks them: <c>#RRGGBB</c> or <c>#RGB</c>, any case, in; uppercase <c>#RRGGBB</c> out.</summary>
public static class PixelColor
{
    public static bool TryParse(ReadOnlySpan<char> text, out uint color)
    {
        color = 0;
        if (text.Length is not (4 or 7) || text[0] != '#')
        {
            return false;
        }

        var hex = text[1..];
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        if (hex.Length == 3)
        {
            Span<char> wide = [hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]];
            return uint.TryParse(wide, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out color);
        }

        return uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out color);
    }

    public static string Format(uint color) => "#" + color.ToString("X6", CultureInfo.InvariantCulture);
}
