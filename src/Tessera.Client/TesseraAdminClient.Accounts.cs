namespace Tessera.Client;

public sealed partial class TesseraAdminClient
{
    /// <summary><c>POST /admin/v1/accounts</c>.</summary>
    public Task<Account> CreateAccountAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<Account>(HttpMethod.Post, "admin/v1/accounts", new CreateAccountRequest(name), cancellationToken);

    /// <summary><c>GET /admin/v1/accounts/{id}</c>.</summary>
    public Task<Account> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync<Account>(HttpMethod.Get, $"admin/v1/accounts/{Segment(accountId)}", null, cancellationToken);

    /// <summary><c>POST /admin/v1/accounts/{id}/suspend</c>: the account if the server returns it.</summary>
    public Task<Account?> SuspendAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<Account>(HttpMethod.Post, $"admin/v1/accounts/{Segment(accountId)}/suspend", null, cancellationToken);

    /// <summary><c>POST /admin/v1/accounts/{id}/resume</c>: the account if the server returns it.</summary>
    public Task<Account?> ResumeAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<Account>(HttpMethod.Post, $"admin/v1/accounts/{Segment(accountId)}/resume", null, cancellationToken);
}
