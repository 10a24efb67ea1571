using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Http;

namespace Tessera.Canvas;

public sealed record CreateClaimRequest([property: JsonPropertyName("account_id")] string? AccountId, int X, int Y, int Width, int Height);

public sealed record ClaimResponse(
    long Id,
    string Canvas,
    [property: JsonPropertyName("account_id")] string AccountId,
    int X,
    int Y,
    int Width,
    int Height,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static ClaimResponse From(Claim claim) =>
        new(claim.Id, claim.Canvas, claim.AccountId, claim.X, claim.Y, claim.Width, claim.Height, claim.CreatedAt);
}

public sealed record ClaimListResponse(IReadOnlyList<ClaimResponse> Claims);

/// <summary>The operator gives an account a rectangle of a pixel canvas (what a purchase gives), and lists them.</summary>
public static class CanvasAdminEndpoints
{
    public static RouteGroupBuilder MapCanvasAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/canvases/{canvas}/claims", CreateClaim);
        admin.MapGet("/canvases/{canvas}/claims", ListClaims);
        return admin;
    }

    private static async Task<Results<Created<ClaimResponse>, ErrorResult>> CreateClaim(string canvas, CreateClaimRequest request, ClaimService claims, CancellationToken ct)
    {
        var result = await claims.CreateAsync(canvas, request.AccountId, request.X, request.Y, request.Width, request.Height, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/v1/canvases/{canvas}/claims/{result.Value.Id}", ClaimResponse.From(result.Value))
            : new ErrorResult(result.Error);
    }

    private static async Task<Ok<ClaimListResponse>> ListClaims(string canvas, ClaimService claims, CancellationToken ct, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "account_id")] string? accountId = null)
    {
        var list = await claims.ListAsync(canvas, accountId, ct);
        return TypedResults.Ok(new ClaimListResponse([.. list.Select(ClaimResponse.From)]));
    }
}
