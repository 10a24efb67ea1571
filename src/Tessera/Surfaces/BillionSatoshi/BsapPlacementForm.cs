namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// The multipart fields of <c>POST /api/placements</c>, for its OpenAPI request body only: the handler reads the form
/// itself (it must see the payment credential before any body is read), so this record names what it reads.
/// </summary>
/// <param name="Image">Human-visible image (PNG, JPEG, GIF or WebP), required.</param>
/// <param name="AgentImage">Agent-only image, hidden until the canvas is ≥95% full.</param>
/// <param name="VerificationToken">The <c>sessionToken</c> from <c>/api/verify/respond</c> (agent and human modes).</param>
public sealed record PlacementForm(
    IFormFile Image, IFormFile? AgentImage, int X, int Y, int Size, string? VerificationToken, string? Url, string? Message, string? AgentIdentity);
