using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Http.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on endpoints marked <see cref="IdempotentRequest"/>: the first request with a key claims it and
/// runs; its response (status, body, the headers a client acts on) is stored; a repeat within 24 h gets that response
/// again with <c>Idempotent-Replayed: true</c> and nothing runs. A repeat while the first still runs → 409
/// <c>idempotency_in_progress</c>; the same key with a different request (method, path, query or body) → 422
/// <c>idempotency_key_reused</c>. Not kept, so a retry runs again: 5xx (nothing was done, or it is unknown) and 402
/// (payment required: retrying after paying or topping up is the point of the retry).
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // A claim older than this whose request never finished belongs to a process that died mid-request.
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(2);
    private static readonly string[] ReplayedHeaders = ["Location", "WWW-Authenticate", "Payment-Receipt", "Cache-Control", "ETag"];
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentRequest>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < (char)0x20 or > (char)0x7e))
        {
            await ErrorResponses.WriteAsync(context, Error.Validation($"{Header} must be 1 to {MaxKeyLength} printable ASCII characters."));
            return;
        }

        var ct = context.RequestAborted;
        var scope = ScopeOf(context);
        var hash = await HashAsync(context.Request, ct);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (await store.TryClaimAsync(scope, key, hash, now, ct))
            {
                await RunAndKeepAsync(context, scope, key, now);
                return;
            }

            var stored = await store.FindAsync(scope, key, ct);
            if (stored is null)
            {
                continue; // released between our insert and our read: claim again
            }

            if (stored.Unreadable || stored.CreatedAt < now - (long)Lifetime.TotalMilliseconds || (stored.InProgress && stored.CreatedAt < now - (long)StaleClaim.TotalMilliseconds))
            {
                await store.ReleaseAsync(scope, key, stored.CreatedAt, ct);
                continue;
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.RequestHash), Encoding.ASCII.GetBytes(hash)))
            {
                await ErrorResponses.WriteAsync(context, new Error("idempotency_key_reused", $"This {Header} was used for a different request.", 422));
                return;
            }

            if (!stored.InProgress)
            {
                await ReplayAsync(context, stored);
                return;
            }

            break;
        }

        await ErrorResponses.WriteAsync(context, Error.Conflict("idempotency_in_progress", $"A request with this {Header} is still running; retry shortly."));
    }

    /// <summary>Whose keys these are: the operator's own (never an address's, which anonymous callers share), an account's, or a client address's.</summary>
    private static string ScopeOf(HttpContext context) =>
        context.User.HasClaim(TesseraClaims.Operator, "true") ? "operator"
        : TesseraClaims.AccountIdOf(context.User) ?? "ip:" + ClientAddress.Of(context.Connection.RemoteIpAddress);

    private async Task RunAndKeepAsync(HttpContext context, string scope, string key, long claimedAt)
    {
        // Buffered, not teed: responses of money-moving POSTs are small JSON, and a response that fails half-way must
        // not reach the client as the stored one.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, claimedAt, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status402PaymentRequired)
        {
            await store.ReleaseAsync(scope, key, claimedAt, CancellationToken.None);
        }
        else
        {
            var headers = ReplayedHeaders
                .Where(name => context.Response.Headers.ContainsKey(name))
                .ToDictionary(name => name, name => context.Response.Headers[name].ToString());
            await store.CompleteAsync(scope, key, status, context.Response.ContentType, buffer.ToArray(), JsonSerializer.Serialize(headers), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.Status;
        if (stored.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        if (stored.Headers is { } json)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
            {
                context.Response.Headers[name] = value;
            }
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    /// <summary>What makes two requests "the same": method, path, query and body bytes (the body is buffered so the
    /// handler reads it again; its size is already bounded by the server's body limit).</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        request.EnableBuffering();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
