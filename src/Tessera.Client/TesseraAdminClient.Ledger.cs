namespace Tessera.Client;

public sealed partial class TesseraAdminClient
{
    /// <summary>
    /// <c>POST /admin/v1/accounts/{id}/grants</c>. With an <paramref name="idempotencyKey"/>, retrying the
    /// same grant returns the first transfer and credits nothing again.
    /// </summary>
    public Task<Transfer> GrantAsync(string accountId, GrantRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<Transfer>(HttpMethod.Post, $"admin/v1/accounts/{Segment(accountId)}/grants", request, cancellationToken, idempotencyKey);
    }

    /// <summary><c>GET /admin/v1/accounts/{id}/balances</c>: every currency and pool.</summary>
    public Task<BalanceList> GetBalancesAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync<BalanceList>(HttpMethod.Get, $"admin/v1/accounts/{Segment(accountId)}/balances", null, cancellationToken);

    /// <summary><c>GET /admin/v1/ledger/audit</c>.</summary>
    public Task<LedgerAudit> AuditLedgerAsync(CancellationToken cancellationToken = default) =>
        SendAsync<LedgerAudit>(HttpMethod.Get, "admin/v1/ledger/audit", null, cancellationToken);
}
