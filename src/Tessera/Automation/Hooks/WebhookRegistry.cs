using System.Data.Common;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;
using Tessera.Storage.Secrets;
using Tessera.Webhooks;

namespace Tessera.Automation.Hooks;

/// <summary>
/// An account's webhook registrations: register (URL checked now, at most <see cref="AutomationOptions.MaxWebhooksPerAccount"/>),
/// list, delete, and a test delivery. Deliveries go through the Webhooks module's outbox (retries, attempts log); the
/// registration's secret is encrypted at rest and travels with each message, encrypted too, for the surface's signature.
/// </summary>
public sealed class WebhookRegistry(
    TesseraDatabase database, ISecretProtector protector, TargetUrls urls, WebhookOutbox outbox, TimeProvider time, IOptions<AutomationOptions> options)
{
    /// <summary>Every message this module queues has an id starting so (a surface's header hook recognises its deliveries by it).</summary>
    public const string MessagePrefix = "awh_";

    public const string SecretPurpose = "automation.webhook-secret";
    public const int MaxSecretLength = 256;
    private const string Columns = "id, account_id, surface, url, secret, events, created_at";

    public async Task<Result<WebhookRegistration>> RegisterAsync(
        string accountId, string surface, string url, string? secret, IReadOnlyList<string>? events, CancellationToken cancellationToken)
    {
        var checkedUrl = await urls.CheckAsync(url, "url", cancellationToken);
        if (!checkedUrl.IsSuccess)
        {
            return checkedUrl.Error;
        }

        if (secret is { } given && (given.Length is 0 or > MaxSecretLength || given.Any(char.IsControl)))
        {
            return Error.Validation($"'secret' must be 1–{MaxSecretLength} characters without control characters.");
        }

        var subscribed = events is null ? null : events.Distinct(StringComparer.Ordinal).ToList();
        if (subscribed is { Count: 0 or > JobEventNames.MaxEvents } || subscribed?.FirstOrDefault(e => !JobEventNames.IsValid(e)) is { } _bad)
        {
            return Error.Validation(
                $"'events' must list 1–{JobEventNames.MaxEvents} events: '{{kind}}.completed', '{{kind}}.failed' (e.g. scrape.completed), 'scrape.*', '*.failed' or '*' (left out: every event).");
        }

        var target = checkedUrl.Value.AbsoluteUri;
        var now = time.GetUtcNow();
        var limit = options.Value.MaxWebhooksPerAccount;
        var stored = subscribed is null || subscribed.Contains("*") ? null : string.Join(' ', subscribed);
        var id = await database.WriteAsync(
            async write =>
            {
                if (await write.Sql("SELECT COUNT(*) FROM automation_webhooks WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken) >= limit)
                {
                    return (long?)null;
                }

                return await write.Sql("""
                    INSERT INTO automation_webhooks (account_id, surface, url, secret, events, created_at)
                    VALUES (@account, @surface, @url, @secret, @events, @now) RETURNING id
                    """)
                    .With("@account", accountId).With("@surface", surface).With("@url", target)
                    .With("@secret", secret is null ? null : protector.Protect(secret, SecretPurpose)).With("@events", stored).With("@now", now.ToUnixTimeMilliseconds())
                    .ScalarLongAsync(cancellationToken);
            },
            static id => id is not null, prepare: false, cancellationToken);
        return id is { } created
            ? new WebhookRegistration(created, accountId, surface, target, secret is not null, stored?.Split(' '), now)
            : AutomationErrors.TooManyWebhooks(limit);
    }

    public async Task<IReadOnlyList<WebhookRegistration>> ListAsync(string accountId, string surface, CancellationToken cancellationToken) =>
        [.. (await TargetsAsync(accountId, surface, cancellationToken)).Select(target => target.Registration)];

    public async Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        var deleted = await database.WriteAsync(
            async write => await write.Sql("DELETE FROM automation_webhooks WHERE id = @id AND account_id = @account")
                .With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: false, cancellationToken);
        return deleted == 1 ? true : AutomationErrors.WebhookNotFound(id);
    }

    /// <summary>
    /// A test delivery to <paramref name="url"/> (checked as a registration would be) through the outbox, signed with
    /// <paramref name="secret"/> when given; waits up to <see cref="AutomationOptions.WebhookTestWait"/> for the first
    /// attempt and returns the message as it then stands (its attempts say how it went; later retries follow the schedule).
    /// </summary>
    public async Task<Result<WebhookMessage>> TestAsync(
        string accountId, string url, string? secret, string payloadJson, CancellationToken cancellationToken)
    {
        var checkedUrl = await urls.CheckAsync(url, "url", cancellationToken);
        if (!checkedUrl.IsSuccess)
        {
            return checkedUrl.Error;
        }

        var queued = await outbox.EnqueueAsync(
            accountId, "webhook-test", JobEventNames.Test, checkedUrl.Value.AbsoluteUri, payloadJson,
            Ids.NewSequential(MessagePrefix + "test_", time.GetUtcNow()), secret, cancellationToken);
        if (!queued.IsSuccess)
        {
            return queued.Error;
        }

        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        var message = queued.Value;
        while (message.Attempts.Count == 0 && waited < options.Value.WebhookTestWait)
        {
            await Task.Delay(step, time, cancellationToken);
            waited += step;
            message = await outbox.GetAsync(queued.Value.Id, cancellationToken) ?? message;
        }

        return message;
    }

    /// <summary>The account's registrations on <paramref name="surface"/> with their secrets decrypted (for deliveries).</summary>
    internal async Task<IReadOnlyList<WebhookTarget>> TargetsAsync(string accountId, string surface, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM automation_webhooks WHERE account_id = @account AND surface = @surface ORDER BY id")
            .With("@account", accountId).With("@surface", surface);
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<List<WebhookTarget>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<WebhookTarget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var secret = reader.IsDBNull(4) ? null : protector.Unprotect(reader.GetString(4), SecretPurpose);
            list.Add(new WebhookTarget(
                new WebhookRegistration(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), secret is not null,
                    reader.IsDBNull(5) ? null : reader.GetString(5).Split(' '), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))),
                secret));
        }

        return list;
    }
}
