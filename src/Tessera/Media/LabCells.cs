namespace Tessera.Media;

/// <summary>
/// A coarse grid over CIELAB (cells of <see cref="Size"/> on each axis), stored with each dominant colour so the colour
/// search reads only the cells its box touches (5 × 5 × 5 of about 3,500) from an index, instead of a range on L alone,
/// which is half the table. L is 0–100 and a, b are within ±128 for every sRGB colour; values outside are clamped.
/// </summary>
internal static class LabCells
{
    public const double Size = 12.5;

    public static int Of(double l, double a, double b) => (Axis(l, 0) * 10_000) + (Axis(a, 128) * 100) + Axis(b, 128);

    /// <summary>Every cell that a box of ±<paramref name="half"/> around the colour overlaps.</summary>
    public static List<int> Around(double l, double a, double b, double half)
    {
        var cells = new List<int>(125);
        for (var li = Axis(l - half, 0); li <= Axis(l + half, 0); li++)
        {
            for (var ai = Axis(a - half, 128); ai <= Axis(a + half, 128); ai++)
            {
                for (var bi = Axis(b - half, 128); bi <= Axis(b + half, 128); bi++)
                {
                    cells.Add((li * 10_000) + (ai * 100) + bi);
                }
            }
        }

        return cells;
    }

    // floor((value + offset) / Size), within the grid's 0..20 (for a, b; 0..8 for L).
    private static int Axis(double value, double offset) => (int)Math.Clamp(Math.Floor((value + offset) / Size), 0, 20);
}
