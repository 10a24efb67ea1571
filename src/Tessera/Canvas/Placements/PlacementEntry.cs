namespace Tessera.Canvas.Placements;

/// <summary>
/// What a node keeps in memory of one placement: its square, status, expiry (for unpaid reservations), the change
/// feed seq it reflects, and the small previews the renderers draw from (RGBA, <see cref="PreviewSide"/> square,
/// about one preview pixel per 16 canvas pixels; see <see cref="Rendering.PlacementPreview"/>).
/// </summary>
internal sealed record PlacementEntry(
    long Pk,
    string Id,
    int X,
    int Y,
    int Size,
    string Status,
    long ExpiresAtMs,
    long Seq,
    string ImageHash,
    string? AgentImageHash,
    byte[]? Preview,
    byte[]? AgentPreview)
{
    public bool IsActive => Status == PlacementStatus.Active;

    public int PreviewSide => Rendering.PlacementPreview.SideFor(Size);

    public bool Intersects(int x0, int y0, int x1, int y1) => X < x1 && x0 < X + Size && Y < y1 && y0 < Y + Size;
}
