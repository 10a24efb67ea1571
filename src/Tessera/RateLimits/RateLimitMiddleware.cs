using Tessera.Http;

namespace Tessera.RateLimits;

/// <summary>
/// Runs after routing and authentication: an endpoint carrying <see cref="RateLimitMetadata"/> spends from its policy's
/// counters before its handler runs. Allowed responses get the limit headers whatever they turn out to be (errors
/// included, hence <c>OnStarting</c>); rejected ones are answered here, 429 in the surface's error shape.
/// </summary>
internal sealed class RateLimitMiddleware(
    RequestDelegate next, RateLimitPolicies policies, IRateLimitStore store, TimeProvider time, ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitMetadata>() is not { } metadata || metadata.Exempt?.Invoke(context) == true)
        {
            await next(context);
            return;
        }

        var policy = policies.Get(metadata.PolicyName);
        var rules = policy.Rules;
        var partitions = new string[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            partitions[i] = i > 0 && rules[i].Partition == rules[i - 1].Partition
                ? partitions[i - 1]
                : RatePartitioner.For(context, rules[i].Partition);
        }

        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var states = new long[rules.Length];
        bool allowed;
        try
        {
            allowed = await store.AcquireAsync(policy, partitions, nowMs, states, context.RequestAborted);
        }
        catch (RateLimitStoreException exception)
        {
            // Availability over enforcement: a Redis outage must not take every API down with it.
            Log.StoreUnavailable(logger, policy.Name, exception);
            await next(context);
            return;
        }

        var decision = new RateLimitDecision(context.Response, policy, states, nowMs, allowed);
        if (!allowed)
        {
            Log.Rejected(logger, policy.Name, partitions[decision.Tightest], decision.RetryAfterSeconds);
            RateLimitHeaders.Write(context.Response.Headers, decision);
            await ErrorResponses.WriteAsync(context, ErrorResponses.ForStatus(StatusCodes.Status429TooManyRequests));
            return;
        }

        context.Response.OnStarting(
            static state =>
            {
                var decision = (RateLimitDecision)state;
                RateLimitHeaders.Write(decision.Response.Headers, decision);
                return Task.CompletedTask;
            },
            decision);
        await next(context);
        if (metadata.Counts is { } counts && !counts(context))
        {
            try
            {
                await store.ReleaseAsync(policy, partitions, nowMs, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            }
            catch (RateLimitStoreException exception)
            {
                // The unit stays spent: stricter than meant, never looser.
                Log.StoreUnavailable(logger, policy.Name, exception);
            }
        }
    }
}
