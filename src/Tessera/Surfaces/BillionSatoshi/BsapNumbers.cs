using System.Globalization;
using Tessera.Common;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>Whole numbers from query strings and form fields, as the surface's routes read them.</summary>
internal static class BsapNumbers
{
    public static readonly Error SquareError = Error.Validation("x, y and size are required whole numbers.");

    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static (int X, int Y, int Size)? Square(string? x, string? y, string? size) =>
        Parse(x) is { } px && Parse(y) is { } py && Parse(size) is { } ps ? (px, py, ps) : null;
}
