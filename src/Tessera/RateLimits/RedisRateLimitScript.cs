namespace Tessera.RateLimits;

/// <summary>
/// The one Lua script that decides a request against every rule of a policy, atomically on the Redis server, in one
/// round trip. It mirrors <see cref="RuleMath"/>: look at every rule first, spend only if all have room.
/// KEYS: one per rule (a fixed window's key carries its window index). ARGV: now (Unix ms), then per rule kind
/// (0 fixed window, 1 token bucket), limit, window ms. Returns {allowed, state of rule 1, state of rule 2 ...}.
/// Time comes from the caller's TimeProvider, not Redis TIME, so both stores follow the same clock in tests.
/// </summary>
internal static class RedisRateLimitScript
{
    public const string Source = """
        local now = tonumber(ARGV[1])
        local n = #KEYS
        local states = {}
        local allowed = 1
        for i = 1, n do
          local kind = tonumber(ARGV[3 * i - 1])
          local limit = tonumber(ARGV[3 * i])
          local window = tonumber(ARGV[3 * i + 1])
          if kind == 0 then
            local count = tonumber(redis.call('GET', KEYS[i]) or '0')
            states[i] = count
            if count >= limit then allowed = 0 end
          else
            local capacity = limit * 1000
            local saved = redis.call('HMGET', KEYS[i], 'm', 't')
            local milli = capacity
            if saved[1] then
              local elapsed = math.max(0, now - tonumber(saved[2]))
              if elapsed < window then
                milli = math.min(capacity, tonumber(saved[1]) + math.floor(elapsed * capacity / window))
              end
            end
            states[i] = milli
            if milli < 1000 then allowed = 0 end
          end
        end
        if allowed == 1 then
          for i = 1, n do
            local kind = tonumber(ARGV[3 * i - 1])
            local limit = tonumber(ARGV[3 * i])
            local window = tonumber(ARGV[3 * i + 1])
            if kind == 0 then
              states[i] = redis.call('INCR', KEYS[i])
              if states[i] == 1 then
                redis.call('PEXPIRE', KEYS[i], (math.floor(now / window) + 1) * window - now + 1000)
              end
            else
              local capacity = limit * 1000
              states[i] = states[i] - 1000
              redis.call('HSET', KEYS[i], 'm', states[i], 't', now)
              redis.call('PEXPIRE', KEYS[i], math.ceil((capacity - states[i]) * window / capacity) + 1000)
            end
          end
        end
        local result = {allowed}
        for i = 1, n do result[i + 1] = states[i] end
        return result
        """;

    /// <summary>
    /// Gives back one unit (<see cref="IRateLimitStore.ReleaseAsync"/>), same KEYS and ARGV as <see cref="Source"/>: a
    /// fixed window's key (of the window the unit was spent in) drops by one if it still exists and is above zero; a
    /// bucket is refilled to now, gets 1000 milli-tokens back, capped at its capacity.
    /// </summary>
    public const string ReleaseSource = """
        local now = tonumber(ARGV[1])
        for i = 1, #KEYS do
          local kind = tonumber(ARGV[3 * i - 1])
          local limit = tonumber(ARGV[3 * i])
          local window = tonumber(ARGV[3 * i + 1])
          if kind == 0 then
            local count = tonumber(redis.call('GET', KEYS[i]) or '0')
            if count > 0 then redis.call('DECR', KEYS[i]) end
          else
            local capacity = limit * 1000
            local saved = redis.call('HMGET', KEYS[i], 'm', 't')
            if saved[1] then
              local elapsed = math.max(0, now - tonumber(saved[2]))
              local milli = capacity
              if elapsed < window then
                milli = math.min(capacity, tonumber(saved[1]) + math.floor(elapsed * capacity / window))
              end
              milli = math.min(capacity, milli + 1000)
              redis.call('HSET', KEYS[i], 'm', milli, 't', now)
              redis.call('PEXPIRE', KEYS[i], math.ceil((capacity - milli) * window / capacity) + 1000)
            end
          end
        end
        return 1
        """;
}
