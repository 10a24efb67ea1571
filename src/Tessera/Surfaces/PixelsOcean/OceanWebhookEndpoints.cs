using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Automation.Hooks;
using Tessera.Common;
using Tessera.Http;
using Tessera.Surfaces.Discovery;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>/api/automation/webhooks</c> (seed: "Get notified when jobs complete"): register, list, delete, and <c>test</c>. The
/// Automation module keeps the registrations and queues one outbox message per job end and receiver (Webhooks module:
/// retries, attempts log); Ocean signs them with <c>X-Ocean-Signature</c> (<see cref="OceanSignatureHeaders"/>).
/// Another account's webhook is a 404.
/// </summary>
public static class OceanWebhookEndpoints
{
    public static RouteGroupBuilder MapOceanWebhooks(this RouteGroupBuilder automation)
    {
        const string Section = PixelsOceanSurface.Sections.Automation;
        automation.MapGet("/webhooks", ListAsync)
            .Documented(Section, "List webhooks", "Your webhooks: `url`, `events` (null: every event), `has_secret` (the secret is never shown again).",
                response: """{"success":true,"webhooks":[{"id":1,"url":"https://myapp.com/hooks/ocean","events":null,"has_secret":true,"created_at":"2026-04-09T10:00:00Z"}],"count":1}""");
        automation.MapPost("/webhooks", RegisterAsync).WithRequestBody<WebhookBody>("application/json")
            .Documented(Section, "Register webhook",
                "`url` (https; plain http only on a server that allows private networks, for development; public addresses only), `secret` (optional, at most 256 characters: each POST then carries `X-Ocean-Signature` = lowercase hex HMAC-SHA256(secret, raw body)), `events` (optional: `scrape.completed`, `scrape.failed`, `{kind}.completed|failed` for any job kind, `scrape.*`, `*.failed`, `*`; default all). A POST per finished job with `{event, job_id, kind, status, error, assets_count, created_at, completed_at, poll_url}`, retried on failure (0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). At most 10 webhooks per account.",
                """{"url":"https://myapp.com/hooks/ocean","secret":"my-signing-secret","events":["scrape.completed","scrape.failed"]}""",
                """{"success":true,"webhook_id":1,"url":"https://myapp.com/hooks/ocean","events":["scrape.completed","scrape.failed"],"has_secret":true}""");
        automation.MapDelete("/webhooks/{id:long}", DeleteAsync)
            .Documented(Section, "Delete webhook", "Stops deliveries to it (messages already queued are still tried).", response: """{"success":true,"webhook_id":1,"deleted":true}""");
        automation.MapPost("/webhooks/test", TestAsync).WithRequestBody<TestBody>("application/json")
            .Documented(Section, "Test webhook delivery",
                "Sends `{event: \"webhook.test\", message, sent_at}` to `url` (checked as a registration is; or `webhook_id`: one of yours, with its secret), signed with `secret` when given, and answers with the first attempt: `delivered`, `status_code`, `latency_ms`, `error`. Waits at most 10 s; a failed test is retried like any delivery.",
                """{"url":"https://myapp.com/hooks/ocean","secret":"my-signing-secret"}""",
                """{"success":true,"delivered":true,"status_code":200,"latency_ms":42,"error":null,"message_id":"awh_test_..."}""");
        return automation;
    }

    public sealed record WebhookBody(string Url, string? Secret, IReadOnlyList<string>? Events);

    public sealed record TestBody(string? Url, string? Secret, [property: JsonPropertyName("webhook_id")] long? WebhookId);

    public sealed record WebhookView(
        long Id, string Url, IReadOnlyList<string>? Events, [property: JsonPropertyName("has_secret")] bool HasSecret,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static WebhookView From(WebhookRegistration registration) =>
            new(registration.Id, registration.Url, registration.Events, registration.HasSecret, registration.CreatedAt);
    }

    public sealed record WebhookList(bool Success, IReadOnlyList<WebhookView> Webhooks, int Count);

    public sealed record RegisteredWebhook(
        bool Success, [property: JsonPropertyName("webhook_id")] long WebhookId, string Url, IReadOnlyList<string>? Events,
        [property: JsonPropertyName("has_secret")] bool HasSecret);

    public sealed record DeletedWebhook(bool Success, [property: JsonPropertyName("webhook_id")] long WebhookId, bool Deleted);

    public sealed record TestedWebhook(
        bool Success, bool Delivered, [property: JsonPropertyName("status_code")] int? StatusCode, [property: JsonPropertyName("latency_ms")] int? LatencyMs,
        string? Error, [property: JsonPropertyName("message_id")] string MessageId);

    private static async Task<IResult> ListAsync(HttpContext context, WebhookRegistry registry, CancellationToken ct)
    {
        var list = await registry.ListAsync(OceanAccount.Of(context), PixelsOceanSurface.Name, ct);
        return TypedResults.Ok(new WebhookList(true, [.. list.Select(WebhookView.From)], list.Count));
    }

    private static async Task<IResult> RegisterAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, WebhookRegistry registry, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var url = json.IsSuccess ? OceanInput.String(json.Value, "url") : json.Error;
        var secret = json.IsSuccess ? OceanInput.String(json.Value, "secret") : json.Error;
        var events = json.IsSuccess ? OceanInput.Strings(json.Value, "events") : json.Error;
        if ((!url.IsSuccess ? url.Error : !secret.IsSuccess ? secret.Error : !events.IsSuccess ? events.Error : null) is { } error)
        {
            return new ErrorResult(error);
        }

        if (string.IsNullOrWhiteSpace(url.Value.Value))
        {
            return new ErrorResult(Error.Validation("'url' is required: the HTTPS endpoint to POST to."));
        }

        var registered = await registry.RegisterAsync(
            OceanAccount.Of(context), PixelsOceanSurface.Name, url.Value.Value, secret.Value.Value, events.Value?.Select(e => e?.Trim() ?? "").ToList(), ct);
        if (!registered.IsSuccess)
        {
            return new ErrorResult(registered.Error);
        }

        var made = registered.Value;
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}/{made.Id}", new RegisteredWebhook(true, made.Id, made.Url, made.Events, made.HasSecret));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, WebhookRegistry registry, CancellationToken ct)
    {
        var deleted = await registry.DeleteAsync(OceanAccount.Of(context), id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new DeletedWebhook(true, id, true)) : new ErrorResult(deleted.Error);
    }

    private static async Task<IResult> TestAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, WebhookRegistry registry, OceanJobEvents events,
        TimeProvider time, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var url = json.IsSuccess ? OceanInput.String(json.Value, "url") : json.Error;
        var secret = json.IsSuccess ? OceanInput.String(json.Value, "secret") : json.Error;
        var webhookId = json.IsSuccess ? OceanInput.OptionalId(json.Value, "webhook_id") : json.Error;
        if ((!url.IsSuccess ? url.Error : !secret.IsSuccess ? secret.Error : !webhookId.IsSuccess ? webhookId.Error : null) is { } error)
        {
            return new ErrorResult(error);
        }

        var account = OceanAccount.Of(context);
        var (target, signingSecret) = (url.Value.Value, secret.Value.Value);
        if (webhookId.Value.Value is { } id)
        {
            var registered = (await registry.TargetsAsync(account, PixelsOceanSurface.Name, ct)).FirstOrDefault(t => t.Registration.Id == id);
            if (registered is null)
            {
                return new ErrorResult(Tessera.Automation.AutomationErrors.WebhookNotFound(id));
            }

            (target, signingSecret) = (registered.Registration.Url, signingSecret ?? registered.Secret);
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return new ErrorResult(Error.Validation("'url' (or 'webhook_id') is required: where to send the test."));
        }

        if (signingSecret is { Length: > WebhookRegistry.MaxSecretLength })
        {
            return new ErrorResult(Error.Validation($"'secret' must be at most {WebhookRegistry.MaxSecretLength} characters."));
        }

        var tested = await registry.TestAsync(account, target, string.IsNullOrEmpty(signingSecret) ? null : signingSecret, events.TestPayload(time.GetUtcNow()), ct);
        if (!tested.IsSuccess)
        {
            return new ErrorResult(tested.Error);
        }

        var message = tested.Value;
        var first = message.Attempts.FirstOrDefault();
        return TypedResults.Ok(new TestedWebhook(
            true, first is { StatusCode: >= 200 and < 300 }, first?.StatusCode, first?.LatencyMs,
            first is null ? "The first attempt has not finished yet; it is retried on the usual schedule." : first.Error, message.Id));
    }
}
