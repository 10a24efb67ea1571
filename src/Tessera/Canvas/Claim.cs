namespace Tessera.Canvas;

/// <summary>A rectangle of a canvas owned by an account: half-open, <c>[X, X+Width) × [Y, Y+Height)</c>.</summary>
public sealed record Claim(long Id, string Canvas, string AccountId, int X, int Y, int Width, int Height, DateTimeOffset CreatedAt)
{
    public bool Overlaps(int x, int y, int width, int height) =>
        X < x + width && x < X + Width && Y < y + height && y < Y + Height;
}
