namespace Tessera.Http.Idempotency;

/// <summary>A finished response kept for replay; <see cref="Status"/> 0 marks a request still in progress.</summary>
internal sealed record StoredResponse(string RequestHash, int Status, string? ContentType, byte[] Body, string? Headers, long CreatedAt)
{
    public bool InProgress => Status == 0;
}
