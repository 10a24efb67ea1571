using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Ledger;
using Tessera.Storage;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>What a referral view did: counted (and credited) or not, and why not.</summary>
public sealed record ReferralOutcome(bool Counted, string? Reason);

/// <summary>An agent's referral figures.</summary>
public sealed record ReferralStats(long Views, long UniqueViews);

/// <summary>
/// Referral views of a promo link. One view per fingerprint per promo code (fingerprints stored as SHA-256), the
/// agent's own fingerprint refused, and at most <see cref="OmpAgentOptions.MaxCountedViewsPerIpPerDay"/> counted views
/// per client address per promo code per UTC day. Each counted view grants the agent 0.001 pixel credit with an
/// idempotency key made from the view itself, so no retry or race can credit one view twice.
/// </summary>
public sealed class ReferralService(TesseraDatabase database, LedgerService ledger, IOptions<OmpAgentOptions> options, TimeProvider time)
{
    public const string Repeat = "already_viewed";
    public const string IpLimit = "ip_daily_limit";

    private const string UpsertViewSql = """
        INSERT INTO omp_referral_views (promo_code, fingerprint_hash, agent_account_id, ip, counted, credited, hits, created_at)
        VALUES (@promo, @fingerprint, @agent, @ip, 0, 0, 1, @now)
        ON CONFLICT (promo_code, fingerprint_hash) DO UPDATE SET hits = omp_referral_views.hits + 1
        RETURNING hits, counted, credited
        """;

    // The WHERE makes the increment refuse past the cap; no row back means the cap was reached.
    private const string CountIpSql = """
        INSERT INTO omp_referral_ip_days (promo_code, ip, day, views) VALUES (@promo, @ip, @day, 1)
        ON CONFLICT (promo_code, ip, day) DO UPDATE SET views = omp_referral_ip_days.views + 1
        WHERE omp_referral_ip_days.views < @cap
        RETURNING views
        """;

    public async Task<Result<ReferralOutcome>> RecordViewAsync(
        string? promoCode, string? fingerprint, string clientAddress, AgentService agents, CancellationToken cancellationToken = default)
    {
        fingerprint = fingerprint?.Trim();
        if (string.IsNullOrWhiteSpace(promoCode))
        {
            return Error.Validation("promo_code is required.");
        }

        if (string.IsNullOrEmpty(fingerprint) || fingerprint.Length > AgentService.MaxFingerprintLength)
        {
            return Error.Validation($"fingerprint is required and at most {AgentService.MaxFingerprintLength} characters.");
        }

        var agent = await agents.FindByPublicKeyAsync(promoCode.Trim(), cancellationToken);
        if (agent is null)
        {
            return new Error("invalid_promo_code", "No agent has this promo code.", 404);
        }

        var fingerprintHash = AgentService.HashFingerprint(fingerprint);
        if (fingerprintHash == agent.FingerprintHash)
        {
            return new Error("self_view", "An agent's own views of its promo link are not counted.", 400);
        }

        var now = time.GetUtcNow();
        bool isNew, counted, credited;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken))
        {
            await using (var command = connection.Command(UpsertViewSql, transaction)
                .With("@promo", agent.PublicKey).With("@fingerprint", fingerprintHash).With("@agent", agent.AccountId)
                .With("@ip", clientAddress).With("@now", now.ToUnixTimeMilliseconds()))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                isNew = Long(reader, 0) == 1;
                counted = Long(reader, 1) == 1;
                credited = Long(reader, 2) == 1;
            }

            if (isNew)
            {
                var underCap = await connection.Command(CountIpSql, transaction)
                    .With("@promo", agent.PublicKey).With("@ip", clientAddress).With("@day", now.ToUnixTimeSeconds() / 86_400)
                    .With("@cap", options.Value.MaxCountedViewsPerIpPerDay)
                    .ScalarAndDisposeAsync(cancellationToken) is not (null or DBNull);
                if (underCap)
                {
                    counted = true;
                    await connection.Command("UPDATE omp_referral_views SET counted = 1 WHERE promo_code = @promo AND fingerprint_hash = @fingerprint", transaction)
                        .With("@promo", agent.PublicKey).With("@fingerprint", fingerprintHash).ExecuteAndDisposeAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // The view is committed before its credit; a view counted but not yet credited (the grant failed or the process
        // died in between) is credited by the next view with its fingerprint, under the same idempotency key.
        if (counted && !credited)
        {
            var grant = await ledger.GrantAsync(
                agent.AccountId, Currency.PixelCredits.Name, OmpAgentOptions.CreditPerView, pool: null,
                idempotencyKey: $"omp-referral:{agent.PublicKey}:{fingerprintHash}", reason: "referral view", cancellationToken);
            if (!grant.IsSuccess)
            {
                throw new InvalidOperationException($"Crediting a referral view failed: {grant.Error.Code}.");
            }

            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.Command("UPDATE omp_referral_views SET credited = 1 WHERE promo_code = @promo AND fingerprint_hash = @fingerprint")
                .With("@promo", agent.PublicKey).With("@fingerprint", fingerprintHash).ExecuteAndDisposeAsync(cancellationToken);
        }

        return isNew
            ? new ReferralOutcome(counted, counted ? null : IpLimit)
            : new ReferralOutcome(false, Repeat);
    }

    /// <summary>Views (every recorded view, repeats included) and unique views (the counted ones) of an agent's promo code.</summary>
    public async Task<ReferralStats> StatsAsync(string agentAccountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT COALESCE(SUM(hits), 0), COALESCE(SUM(counted), 0) FROM omp_referral_views WHERE agent_account_id = @agent")
            .With("@agent", agentAccountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ReferralStats(Long(reader, 0), Long(reader, 1));
    }

    // SUM and integer columns come back as int, long or decimal depending on the provider.
    private static long Long(System.Data.Common.DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
