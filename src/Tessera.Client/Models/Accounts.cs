namespace Tessera.Client;

/// <summary>Body of <c>POST /admin/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest(string Name);

/// <summary>An account as the operator API shows it.</summary>
public sealed record Account(string Id, string Name, string? Kind, string? Status, DateTimeOffset? CreatedAt);
