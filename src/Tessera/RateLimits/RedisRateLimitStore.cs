using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Tessera.RateLimits;

/// <summary>
/// Counters shared by every node through Redis (<c>Tessera:Redis:Configuration</c>, a StackExchange.Redis
/// configuration string). One script evaluation per request, so a decision is atomic across nodes.
/// Keys hash-tag the policy name (<c>{dojo}</c>) so all of a policy's keys sit in one slot on Redis Cluster.
/// </summary>
internal sealed class RedisRateLimitStore : IRateLimitStore, IAsyncDisposable
{
    public const string ConfigurationKey = "Tessera:Redis:Configuration";

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly string _prefix;

    public RedisRateLimitStore(IOptions<RateLimitOptions> options, IConfiguration configuration)
    {
        _prefix = options.Value.KeyPrefix;
        var redis = ConfigurationOptions.Parse(configuration[ConfigurationKey] ?? "");

        // Start even when Redis is down; requests then pass unlimited (logged) until it is back.
        redis.AbortOnConnectFail = false;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(redis));
    }

    public async ValueTask<bool> AcquireAsync(RateLimitPolicy policy, string[] partitions, long nowMs, long[] states, CancellationToken cancellationToken)
    {
        var rules = policy.Rules;
        var keys = new RedisKey[rules.Length];
        var values = new RedisValue[1 + (3 * rules.Length)];
        values[0] = nowMs;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            keys[i] = KeyOf(policy, i, partitions[i], rule, nowMs);
            values[1 + (3 * i)] = rule.Kind == RateLimitKind.FixedWindow ? 0 : 1;
            values[2 + (3 * i)] = rule.Limit;
            values[3 + (3 * i)] = rule.WindowMs;
        }

        RedisResult result;
        try
        {
            var connection = await _connection.Value.WaitAsync(cancellationToken);
            result = await connection.GetDatabase().ScriptEvaluateAsync(RedisRateLimitScript.Source, keys, values).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new RateLimitStoreException("The Redis rate limit store is unreachable.", exception);
        }

        var reply = (RedisResult[])result!;
        for (var i = 0; i < rules.Length; i++)
        {
            states[i] = (long)reply[i + 1];
        }

        return (long)reply[0] == 1;
    }

    public async ValueTask ReleaseAsync(RateLimitPolicy policy, string[] partitions, long acquiredAtMs, long nowMs, CancellationToken cancellationToken)
    {
        var rules = policy.Rules;
        var keys = new RedisKey[rules.Length];
        var values = new RedisValue[1 + (3 * rules.Length)];
        values[0] = nowMs;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            keys[i] = KeyOf(policy, i, partitions[i], rule, acquiredAtMs); // the window the unit was spent in
            values[1 + (3 * i)] = rule.Kind == RateLimitKind.FixedWindow ? 0 : 1;
            values[2 + (3 * i)] = rule.Limit;
            values[3 + (3 * i)] = rule.WindowMs;
        }

        try
        {
            var connection = await _connection.Value.WaitAsync(cancellationToken);
            await connection.GetDatabase().ScriptEvaluateAsync(RedisRateLimitScript.ReleaseSource, keys, values).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new RateLimitStoreException("The Redis rate limit store is unreachable.", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    /// <summary>A fixed window's key names its window, so a new window starts from a fresh key and the old one just expires.</summary>
    private string KeyOf(RateLimitPolicy policy, int index, string partition, RateLimitRule rule, long nowMs) =>
        rule.Kind == RateLimitKind.FixedWindow
            ? string.Create(CultureInfo.InvariantCulture, $"{_prefix}:{{{policy.Name}}}:{index}:{partition}:{RuleMath.WindowIndex(nowMs, rule.WindowMs)}")
            : string.Create(CultureInfo.InvariantCulture, $"{_prefix}:{{{policy.Name}}}:{index}:{partition}");
}
