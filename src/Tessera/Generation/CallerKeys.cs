using System.Collections.Concurrent;
using System.Security.Cryptography;
using Tessera.Engines;

namespace Tessera.Generation;

/// <summary>
/// A queued generation's <c>gemini_key</c>, kept in this node's memory only (never in the job's stored input, the
/// database or a log) under a random reference the job carries, until the job takes it or it lapses. A job run by another
/// node, or after a restart, finds no key and uses the configured providers only (docs/pixels-ocean.md).
/// </summary>
public sealed class CallerKeys(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (CallerApiKey Key, DateTimeOffset Until)> _keys = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="key"/> until <paramref name="lifetime"/> has passed; returns the reference to store.</summary>
    public string Keep(CallerApiKey key, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        foreach (var (reference, entry) in _keys)
        {
            if (entry.Until <= now)
            {
                _keys.TryRemove(reference, out _);
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _keys[id] = (key, now + lifetime);
        return id;
    }

    /// <summary>The key kept under <paramref name="reference"/> (removed: a key serves one job), or null.</summary>
    public CallerApiKey? Take(string? reference) =>
        reference is not null && _keys.TryRemove(reference, out var entry) && entry.Until > time.GetUtcNow() ? entry.Key : null;
}
