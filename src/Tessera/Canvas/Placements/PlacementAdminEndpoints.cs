using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Common;
using Tessera.Http;
using Tessera.Storage;

namespace Tessera.Canvas.Placements;

/// <summary>A placement as the operator reviews it: where, what it says, how often it was flagged, and its image.</summary>
public sealed record ReviewedPlacement(
    string Id,
    string Canvas,
    int X,
    int Y,
    int Size,
    string Status,
    long Sats,
    int Flags,
    string? Url,
    string? Message,
    [property: JsonPropertyName("agent_identity")] string? AgentIdentity,
    [property: JsonPropertyName("image_url")] string ImageUrl,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("paid_at")] DateTimeOffset? PaidAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt)
{
    public static ReviewedPlacement From(Placement placement) => new(
        placement.Id, placement.Canvas, placement.X, placement.Y, placement.Size, placement.Status, placement.Sats, placement.Flags,
        placement.Url, placement.Message, placement.AgentIdentity, $"/admin/v1/placements/{placement.Id}/image",
        placement.CreatedAt, placement.PaidAt, placement.UpdatedAt);
}

public sealed record ReviewedPlacementList(IReadOnlyList<ReviewedPlacement> Placements);

/// <summary>
/// The operator's review of flagged Billion Satoshi placements, on the <c>/admin/v1</c> group (operator key):
/// <c>GET /placements/flagged</c> (<c>?status=hidden</c> for the hidden ones only), <c>GET /placements/{id}/image</c>
/// (the image whatever the status, which the public route never serves for a hidden one),
/// <c>POST /placements/{id}/restore</c> and <c>POST /placements/{id}/remove</c>. See docs/billion-satoshi.md.
/// </summary>
public static class PlacementAdminEndpoints
{
    public static RouteGroupBuilder MapPlacementsAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/placements/flagged", ListFlaggedAsync)
            .WithSummary("Flagged placements").WithDescription("Hidden placements first, then active ones with flags (most flags first). `status=hidden` lists only the hidden; `limit` 1-500 (default 100).");
        admin.MapGet("/placements/{id}/image", ImageAsync).WithSummary("A placement's image, whatever its status");
        admin.MapPost("/placements/{id}/restore", RestoreAsync)
            .WithSummary("Restore a placement").WithDescription("Shows an active or hidden placement again and clears its flags.");
        admin.MapPost("/placements/{id}/remove", RemoveAsync)
            .WithSummary("Remove a placement").WithDescription("Takes an active or hidden placement down for good: status `removed`, its square free for sale again; the payment is kept.");
        return admin;
    }

    private static async Task<Results<Ok<ReviewedPlacementList>, ErrorResult>> ListFlaggedAsync(
        PlacementService placements, CancellationToken ct, string? status = null, int limit = 100)
    {
        ReviewFilter filter;
        switch (status)
        {
            case null or "" or "flagged":
                filter = ReviewFilter.Flagged;
                break;
            case PlacementStatus.Hidden:
                filter = ReviewFilter.Hidden;
                break;
            default:
                return new ErrorResult(Error.Validation("status: flagged (default) or hidden."));
        }

        if (limit is < 1 or > PlacementService.MaxReviewPage)
        {
            return new ErrorResult(Error.Validation($"limit: 1 to {PlacementService.MaxReviewPage}."));
        }

        var list = await placements.ListForReviewAsync(filter, limit, ct);
        return TypedResults.Ok(new ReviewedPlacementList([.. list.Select(ReviewedPlacement.From)]));
    }

    private static async Task<IResult> ImageAsync(string id, PlacementService placements, IBlobStore blobs, CancellationToken ct)
    {
        if (await placements.GetAsync(id, ct) is not { } placement || await blobs.OpenReadAsync(placement.ImageHash, ct) is not { } stream)
        {
            return new ErrorResult(Error.NotFound($"No placement '{id}'."));
        }

        return Results.Stream(stream, "image/png");
    }

    private static async Task<Results<Ok<ReviewedPlacement>, ErrorResult>> RestoreAsync(string id, PlacementService placements, CancellationToken ct) =>
        Answer(await placements.RestoreAsync(id, ct));

    private static async Task<Results<Ok<ReviewedPlacement>, ErrorResult>> RemoveAsync(string id, PlacementService placements, CancellationToken ct) =>
        Answer(await placements.RemoveAsync(id, ct));

    private static Results<Ok<ReviewedPlacement>, ErrorResult> Answer(Result<Placement> result) =>
        result.IsSuccess ? TypedResults.Ok(ReviewedPlacement.From(result.Value)) : new ErrorResult(result.Error);
}
