using System.Globalization;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// Monthly plans: an allowance of credits and a billing day (1–28). On or after each billing date the refresh returns
/// what is left (available, not held) in the monthly pool to the system and grants the allowance. A
/// <c>ledger_refreshes</c> row per (owner, period) claimed in the same transaction makes it happen once per period,
/// however many nodes run the worker. A new plan is honoured at the next refresh run (within a minute) for the
/// period in progress.
/// </summary>
public sealed partial class LedgerService
{
    private const string UpsertPlanSql = """
        INSERT INTO ledger_plans (owner_id, monthly_credits, billing_day, updated_at) VALUES (@owner, @credits, @day, @now)
        ON CONFLICT (owner_id) DO UPDATE SET monthly_credits = excluded.monthly_credits, billing_day = excluded.billing_day, updated_at = excluded.updated_at
        """;

    private const string PlansSql = "SELECT owner_id, monthly_credits, billing_day FROM ledger_plans ORDER BY owner_id";

    private const string ClaimPeriodSql = """
        INSERT INTO ledger_refreshes (owner_id, period, expired, granted, at) VALUES (@owner, @period, @expired, @granted, @now)
        ON CONFLICT (owner_id, period) DO NOTHING
        """;

    private const string RecentRefreshesSql = "SELECT owner_id, period FROM ledger_refreshes WHERE period >= @since";

    private const string ReadOneAvailableSql = "SELECT " + LedgerSql.Available + " FROM ledger_accounts WHERE id = @id";

    public async Task<Result<MonthlyPlan>> SetMonthlyPlanAsync(string ownerId, decimal monthlyCredits, int billingDay, CancellationToken cancellationToken = default)
    {
        if (billingDay is < 1 or > 28)
        {
            return Error.Validation("billing_day must be between 1 and 28.");
        }

        var minor = monthlyCredits == 0 ? 0 : Currency.Credits.ToMinor(monthlyCredits);
        if (!minor.IsSuccess)
        {
            return minor.Error;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command(UpsertPlanSql)
            .With("@owner", ownerId).With("@credits", minor.Value).With("@day", billingDay).With("@now", Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new MonthlyPlan(ownerId, monthlyCredits, billingDay);
    }

    /// <summary>The period a plan is in at <paramref name="now"/>: the month of the latest billing date on or before it.</summary>
    public static string PeriodAt(DateTimeOffset now, int billingDay)
    {
        var today = now.UtcDateTime.Date;
        var billing = new DateTime(today.Year, today.Month, billingDay, 0, 0, 0, DateTimeKind.Utc);
        return (today < billing ? billing.AddMonths(-1) : billing).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>Runs every plan's refresh that is due (the worker calls this every minute); returns what it did.</summary>
    public async Task<IReadOnlyList<MonthlyRefresh>> RefreshMonthlyAsync(CancellationToken cancellationToken = default)
    {
        var plans = new List<(string Owner, long Credits, int Day)>();
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.Command(PlansSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                plans.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
            }
        }

        // Periods already refreshed are skipped without a write transaction: the worker runs every minute on every node.
        var now = _time.GetUtcNow();
        var refreshed = new HashSet<(string, string)>();
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.Command(RecentRefreshesSql).With("@since", now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                refreshed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var done = new List<MonthlyRefresh>();
        foreach (var (owner, credits, day) in plans)
        {
            var period = PeriodAt(now, day);
            if (refreshed.Contains((owner, period)))
            {
                continue;
            }

            var result = await RefreshOneAsync(owner, credits, period, cancellationToken);
            if (result.IsSuccess)
            {
                done.Add(result.Value);
            }
        }

        return done;
    }

    private async Task<Result<MonthlyRefresh>> RefreshOneAsync(string owner, long allowance, string period, CancellationToken cancellationToken)
    {
        var monthly = await _accounts.IdAsync(owner, Currency.Credits.Name, Currency.Monthly, cancellationToken);
        var issuance = await _accounts.IdAsync(SystemOwners.Issuance, Currency.Credits.Name, Currency.NoPool, LedgerAccounts.ShardFor(monthly), cancellationToken);
        return await _writer.WriteAsync<MonthlyRefresh>(async session =>
        {
            var leftoverCommand = Bind(session.Sql(ReadOneAvailableSql + session.ForUpdate), [("@id", monthly)]);
            var leftover = Math.Max(0, await leftoverCommand.ScalarLongAsync());
            if (await ExecuteAsync(session, ClaimPeriodSql,
                    ("@owner", owner), ("@period", period), ("@expired", leftover), ("@granted", allowance), ("@now", Now)) == 0)
            {
                return Error.Conflict("already_refreshed", "This period was refreshed already.");
            }

            if (leftover > 0)
            {
                await ExecuteAsync(session, LedgerSql.DebitPostedGuarded, ("@id", monthly), ("@amount", leftover));
                await ExecuteAsync(session, LedgerSql.CreditPosted, ("@id", issuance), ("@amount", leftover));
                await InsertTransferAsync(session, monthly, issuance, leftover, "monthly_expire", null, period);
            }

            if (allowance > 0)
            {
                await ExecuteAsync(session, LedgerSql.DebitPostedGuarded, ("@id", issuance), ("@amount", allowance));
                await ExecuteAsync(session, LedgerSql.CreditPosted, ("@id", monthly), ("@amount", allowance));
                await InsertTransferAsync(session, issuance, monthly, allowance, "monthly_grant", null, period);
            }

            return new MonthlyRefresh(owner, period, Currency.Credits.ToDisplay(leftover), Currency.Credits.ToDisplay(allowance));
        }, cancellationToken);
    }
}
