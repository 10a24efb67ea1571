namespace Tessera.Accounts;

/// <summary>A key just made: the row, and its text, which is shown this once and never stored.</summary>
public sealed record CreatedKey(ApiKey Key, string Text);
