using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tessera.Accounts;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>The ledger's operator routes, mapped onto the <c>/admin/v1</c> group (which authenticates the operator).</summary>
public static class LedgerAdminEndpoints
{
    public static RouteGroupBuilder MapLedgerAdmin(this RouteGroupBuilder admin)
    {
        // The HTTP rule every surface follows (replay, 422 on a reused key, 409 while running); the key also goes to the
        // ledger, which makes the transfer itself exactly-once beyond the 24 h the HTTP record is kept.
        admin.MapPost("/accounts/{id}/grants", GrantAsync).WithIdempotency();
        admin.MapGet("/accounts/{id}/balances", BalancesAsync);
        admin.MapPut("/accounts/{id}/monthly-plan", SetMonthlyPlanAsync);
        admin.MapGet("/ledger/audit", AuditAsync);
        return admin;
    }

    public static async Task<Results<Created<GrantResponse>, ErrorResult>> GrantAsync(
        string id, GrantRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        TesseraDbContext db, LedgerService ledger, CancellationToken cancellationToken)
    {
        if (!await AccountExistsAsync(db, id, cancellationToken))
        {
            return AccountNotFound(id);
        }

        var result = await ledger.GrantAsync(id, request.Currency ?? "", request.Amount, request.Pool, idempotencyKey, request.Reason, cancellationToken);
        if (!result.IsSuccess)
        {
            return new ErrorResult(result.Error);
        }

        var receipt = result.Value;
        return TypedResults.Created(
            $"/admin/v1/accounts/{id}/balances",
            new GrantResponse(receipt.Id, id, receipt.Currency, request.Pool, receipt.Amount, receipt.Status, receipt.Replayed));
    }

    public static async Task<Results<Ok<BalancesResponse>, ErrorResult>> BalancesAsync(
        string id, TesseraDbContext db, LedgerService ledger, CancellationToken cancellationToken)
    {
        if (!await AccountExistsAsync(db, id, cancellationToken))
        {
            return AccountNotFound(id);
        }

        return TypedResults.Ok(new BalancesResponse(await ledger.BalancesAsync(id, cancellationToken)));
    }

    public static async Task<Results<Ok<MonthlyPlanResponse>, ErrorResult>> SetMonthlyPlanAsync(
        string id, MonthlyPlanRequest request, TesseraDbContext db, LedgerService ledger, CancellationToken cancellationToken)
    {
        if (!await AccountExistsAsync(db, id, cancellationToken))
        {
            return AccountNotFound(id);
        }

        var result = await ledger.SetMonthlyPlanAsync(id, request.MonthlyCredits, request.BillingDay, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new MonthlyPlanResponse(id, result.Value.MonthlyCredits, result.Value.BillingDay))
            : new ErrorResult(result.Error);
    }

    public static async Task<Ok<LedgerAudit>> AuditAsync(LedgerService ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ledger.AuditAsync(cancellationToken));

    private static Task<bool> AccountExistsAsync(TesseraDbContext db, string id, CancellationToken cancellationToken) =>
        db.Set<Account>().AnyAsync(account => account.Id == id, cancellationToken);

    private static ErrorResult AccountNotFound(string id) => new(Common.Error.NotFound($"No account '{id}'."));
}

public sealed record GrantRequest(string? Currency, decimal Amount, string? Pool, string? Reason);

public sealed record GrantResponse(
    string Id,
    [property: JsonPropertyName("account_id")] string AccountId,
    string Currency,
    string? Pool,
    decimal Amount,
    string Status,
    bool Replayed);

public sealed record BalancesResponse(IReadOnlyList<LedgerBalance> Balances);

public sealed record MonthlyPlanRequest(
    [property: JsonPropertyName("monthly_credits")] decimal MonthlyCredits,
    [property: JsonPropertyName("billing_day")] int BillingDay);

public sealed record MonthlyPlanResponse(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("monthly_credits")] decimal MonthlyCredits,
    [property: JsonPropertyName("billing_day")] int BillingDay);
