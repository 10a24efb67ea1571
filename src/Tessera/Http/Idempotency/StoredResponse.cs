namespace Tessera.Http.Idempotency;

/// <summary>
/// A finished response kept for replay; <see cref="Status"/> 0 marks a request still in progress. <paramref name="Unreadable"/>:
/// its encrypted response cannot be decrypted with this server's keys, so it counts as expired.
/// </summary>
internal sealed record StoredResponse(string RequestHash, int Status, string? ContentType, byte[] Body, string? Headers, long CreatedAt, bool Unreadable = false)
{
    public bool InProgress => Status == 0;
}
