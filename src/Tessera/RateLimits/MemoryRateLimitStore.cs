using System.Buffers;
using System.Collections.Concurrent;

namespace Tessera.RateLimits;

/// <summary>
/// Counters of one node. One small entry per (policy, rule, partition) is locked only for the few arithmetic
/// instructions of a decision; a request locks its policy's entries in rule order, so two requests never wait
/// on each other in a cycle. A steady partition allocates nothing: its entries are reused window after window.
/// Entries that hold no information any more (window over, bucket full) are swept every minute.
/// </summary>
internal sealed class MemoryRateLimitStore : IRateLimitStore
{
    private const long SweepIntervalMs = 60_000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Entry>[]> _tables = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSweepMs;

    /// <summary>Entries currently held, for tests of the sweep.</summary>
    internal int Count => _tables.Values.Sum(rules => rules.Sum(table => table.Count));

    public ValueTask<bool> AcquireAsync(RateLimitPolicy policy, string[] partitions, long nowMs, long[] states, CancellationToken cancellationToken)
    {
        MaybeSweep(nowMs);
        var tables = _tables.GetOrAdd(policy.Name, static (_, rules) => NewTables(rules.Length), policy.Rules);
        var entries = ArrayPool<Entry>.Shared.Rent(policy.Rules.Length);
        try
        {
            // A sweep may drop an entry between lookup and lock; it is then marked removed and the decision starts over.
            bool allowed;
            while (!TryDecide(policy, tables, partitions, nowMs, states, entries, out allowed))
            {
                Array.Clear(entries);
            }

            return ValueTask.FromResult(allowed);
        }
        finally
        {
            ArrayPool<Entry>.Shared.Return(entries, clearArray: true);
        }
    }

    public ValueTask ReleaseAsync(RateLimitPolicy policy, string[] partitions, long acquiredAtMs, long nowMs, CancellationToken cancellationToken)
    {
        if (!_tables.TryGetValue(policy.Name, out var tables))
        {
            return ValueTask.CompletedTask;
        }

        for (var i = 0; i < policy.Rules.Length; i++)
        {
            var rule = policy.Rules[i];
            if (!tables[i].TryGetValue(partitions[i], out var entry))
            {
                continue; // swept: nothing left to give back
            }

            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (rule.Kind == RateLimitKind.FixedWindow)
                {
                    if (entry.A == RuleMath.WindowIndex(acquiredAtMs, rule.WindowMs) && entry.B > 0)
                    {
                        entry.B--;
                    }
                }
                else if (entry.A != Entry.Untouched)
                {
                    entry.B = Math.Min(RuleMath.Capacity(rule), RuleMath.Refill(entry.B, entry.A, nowMs, rule) + RuleMath.MilliTokensPerToken);
                    entry.A = nowMs;
                    Volatile.Write(ref entry.ExpiresAtMs, nowMs + RuleMath.UntilFullMs(rule, entry.B));
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every entry that no longer changes a decision, as of <paramref name="nowMs"/>.</summary>
    internal void Sweep(long nowMs)
    {
        foreach (var tables in _tables.Values)
        {
            foreach (var table in tables)
            {
                foreach (var pair in table)
                {
                    var entry = pair.Value;
                    if (Volatile.Read(ref entry.ExpiresAtMs) > nowMs)
                    {
                        continue;
                    }

                    lock (entry)
                    {
                        if (entry.ExpiresAtMs <= nowMs && !entry.Removed)
                        {
                            entry.Removed = true;
                            table.TryRemove(pair);
                        }
                    }
                }
            }
        }
    }

    private static ConcurrentDictionary<string, Entry>[] NewTables(int count)
    {
        var tables = new ConcurrentDictionary<string, Entry>[count];
        for (var i = 0; i < count; i++)
        {
            tables[i] = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        }

        return tables;
    }

    private static bool TryDecide(
        RateLimitPolicy policy, ConcurrentDictionary<string, Entry>[] tables, string[] partitions, long nowMs, long[] states, Entry[] entries, out bool allowed)
    {
        var rules = policy.Rules;
        var locked = 0;
        allowed = true;
        try
        {
            for (; locked < rules.Length; locked++)
            {
                var entry = tables[locked].GetOrAdd(partitions[locked], static _ => new Entry());
                Monitor.Enter(entry);
                entries[locked] = entry;
                if (entry.Removed)
                {
                    locked++;
                    return false;
                }
            }

            // Look first, spend after: nothing is spent unless every rule has room.
            for (var i = 0; i < rules.Length; i++)
            {
                states[i] = Current(rules[i], entries[i], nowMs);
                allowed &= HasRoom(rules[i], states[i]);
            }

            if (allowed)
            {
                for (var i = 0; i < rules.Length; i++)
                {
                    states[i] = Spend(rules[i], entries[i], states[i], nowMs);
                }
            }

            return true;
        }
        finally
        {
            for (var i = 0; i < locked; i++)
            {
                Monitor.Exit(entries[i]);
            }
        }
    }

    private static long Current(RateLimitRule rule, Entry entry, long nowMs) => rule.Kind == RateLimitKind.FixedWindow
        ? (entry.A == RuleMath.WindowIndex(nowMs, rule.WindowMs) ? entry.B : 0)
        : (entry.A == Entry.Untouched ? RuleMath.Capacity(rule) : RuleMath.Refill(entry.B, entry.A, nowMs, rule));

    private static bool HasRoom(RateLimitRule rule, long state) =>
        rule.Kind == RateLimitKind.FixedWindow ? state < rule.Limit : state >= RuleMath.MilliTokensPerToken;

    private static long Spend(RateLimitRule rule, Entry entry, long state, long nowMs)
    {
        if (rule.Kind == RateLimitKind.FixedWindow)
        {
            entry.A = RuleMath.WindowIndex(nowMs, rule.WindowMs);
            entry.B = state + 1;
            Volatile.Write(ref entry.ExpiresAtMs, RuleMath.WindowEndMs(nowMs, rule.WindowMs));
            return entry.B;
        }

        entry.A = nowMs;
        entry.B = state - RuleMath.MilliTokensPerToken;
        Volatile.Write(ref entry.ExpiresAtMs, nowMs + RuleMath.UntilFullMs(rule, entry.B));
        return entry.B;
    }

    private void MaybeSweep(long nowMs)
    {
        var due = Volatile.Read(ref _nextSweepMs);
        if (nowMs < due || Interlocked.CompareExchange(ref _nextSweepMs, nowMs + SweepIntervalMs, due) != due)
        {
            return;
        }

        // Off the request's path: a sweep walks every entry.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Store.Sweep(state.NowMs), (Store: this, NowMs: nowMs), preferLocal: false);
    }

    /// <summary>
    /// One counter. Fixed window: <see cref="A"/> = window index, <see cref="B"/> = count in it.
    /// Token bucket: <see cref="A"/> = time of the last spend (ms), <see cref="B"/> = milli-tokens left then.
    /// </summary>
    private sealed class Entry
    {
        public const long Untouched = long.MinValue;

        public long A = Untouched;
        public long B;
        public long ExpiresAtMs;
        public bool Removed;
    }
}
