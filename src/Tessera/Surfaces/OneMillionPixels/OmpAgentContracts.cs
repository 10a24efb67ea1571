using System.Text.Json.Serialization;
using Tessera.Canvas;

namespace Tessera.Surfaces.OneMillionPixels;

public sealed record CreateAgentRequest(string? Fingerprint);

public sealed record CreatedAgentResponse(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("private_key")] string PrivateKey,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("promo_link")] string PromoLink,
    [property: JsonPropertyName("qr_code")] string QrCode);

/// <summary>One owned rectangle: half-open <c>[x, x+width) × [y, y+height)</c>; <c>pixels</c> = width × height.</summary>
public sealed record OwnedClaim(
    long Id,
    int X,
    int Y,
    int Width,
    int Height,
    long Pixels,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static OwnedClaim From(Claim claim) =>
        new(claim.Id, claim.X, claim.Y, claim.Width, claim.Height, (long)claim.Width * claim.Height, claim.CreatedAt);
}

public sealed record AgentStatsResponse(
    long Views,
    [property: JsonPropertyName("unique_views")] long UniqueViews,
    [property: JsonPropertyName("pixel_credits")] decimal PixelCredits,
    [property: JsonPropertyName("owned_pixels")] long OwnedPixels,
    IReadOnlyList<OwnedClaim> Claims);

public sealed record AgentResponse(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("promo_link")] string PromoLink,
    [property: JsonPropertyName("qr_code")] string QrCode,
    long Views,
    [property: JsonPropertyName("unique_views")] long UniqueViews,
    [property: JsonPropertyName("pixel_credits")] decimal PixelCredits,
    [property: JsonPropertyName("owned_pixels")] long OwnedPixels,
    IReadOnlyList<OwnedClaim> Claims);

public sealed record ConvertRequest(
    [property: JsonPropertyName("start_x")] int? StartX,
    [property: JsonPropertyName("start_y")] int? StartY);

public sealed record ConvertResponse(
    long Id,
    int X,
    int Y,
    int Size,
    long Pixels,
    [property: JsonPropertyName("pixel_credits_spent")] decimal PixelCreditsSpent,
    [property: JsonPropertyName("pixel_credits_remaining")] decimal PixelCreditsRemaining);

public sealed record ReferralRequest(
    [property: JsonPropertyName("promo_code")] string? PromoCode,
    string? Fingerprint);

public sealed record ReferralResponse(
    bool Counted,
    string? Reason,
    [property: JsonPropertyName("pixel_credits_earned")] decimal PixelCreditsEarned);
