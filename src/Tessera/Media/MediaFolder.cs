namespace Tessera.Media;

/// <summary>A folder of an account's library and how many (untrashed) assets are in it.</summary>
public sealed record MediaFolder(long Id, string Name, long Count, DateTimeOffset CreatedAt);

/// <summary>A collection: a hand-picked set of assets that can be shared as a public gallery.</summary>
public sealed record MediaCollection(
    long Id, string AccountId, string Name, string? Description, long Count, string? ShareToken, bool SharePublic, bool HasPassword,
    DateTimeOffset CreatedAt);
