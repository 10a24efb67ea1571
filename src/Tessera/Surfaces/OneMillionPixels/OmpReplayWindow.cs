using Tessera.Canvas.Pixels;
using Tessera.Common;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// Whether a reader may resume after a seq: the writes after it must still be in the log (compaction keeps a tail) and
/// at most <see cref="OmpStreamOptions.MaxReplay"/> of them. One rule for the stream's <c>since</c> / <c>Last-Event-ID</c>
/// and for <c>GET /api/pixels?since=</c>.
/// </summary>
internal static class OmpReplayWindow
{
    public static async Task<Error?> CheckAsync(PixelStore store, CanvasState state, long since, int maxReplay, string baseUrl, CancellationToken ct)
    {
        var current = state.Raster.Seq;
        if (since >= current)
        {
            return null;
        }

        var floor = Math.Max(await store.ReplayFloorAsync(state.Id, ct), current - maxReplay);
        return since < floor
            ? new Error(
                "since_too_old",
                $"Writes after seq {since} are no longer replayed (the oldest resumable seq is {floor}; at most {maxReplay} writes are replayed). " +
                $"Reload the canvas from GET {baseUrl}/api/canvas or GET {baseUrl}/api/pixels (its seq), then resume with ?since=<that seq>.",
                StatusCodes.Status410Gone)
            : null;
    }
}
