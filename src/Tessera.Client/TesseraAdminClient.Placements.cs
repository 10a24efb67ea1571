namespace Tessera.Client;

public sealed partial class TesseraAdminClient
{
    /// <summary>
    /// <c>GET /admin/v1/placements/flagged</c>: hidden placements first, then active ones with flags;
    /// <paramref name="hiddenOnly"/> lists only the hidden. <paramref name="limit"/> 1-500.
    /// </summary>
    public Task<ReviewedPlacementList> ListFlaggedPlacementsAsync(bool hiddenOnly = false, int limit = 100, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewedPlacementList>(HttpMethod.Get,
            $"admin/v1/placements/flagged?limit={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(hiddenOnly ? "&status=hidden" : "")}",
            null, cancellationToken);

    /// <summary><c>POST /admin/v1/placements/{id}/restore</c>: shown again, flags cleared. <c>not_found</c> (404), <c>not_reviewable</c> (409).</summary>
    public Task<ReviewedPlacement> RestorePlacementAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewedPlacement>(HttpMethod.Post, $"admin/v1/placements/{Segment(id)}/restore", null, cancellationToken);

    /// <summary><c>POST /admin/v1/placements/{id}/remove</c>: taken down, its square free again, the payment kept. <c>not_found</c> (404), <c>not_reviewable</c> (409).</summary>
    public Task<ReviewedPlacement> RemovePlacementAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewedPlacement>(HttpMethod.Post, $"admin/v1/placements/{Segment(id)}/remove", null, cancellationToken);
}
