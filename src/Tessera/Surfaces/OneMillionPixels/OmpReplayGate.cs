using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// Lets <see cref="OmpStreamOptions.MaxConcurrentReplays"/> stream replays read the log at once. Why: 50 readers
/// replaying 1000-pixel bulks with links, each holding a page of decoded writes, took the server from ~210 MB to
/// ~1.4 GB in the <c>omp-abuse</c> benchmark; a replay waiting its turn holds nothing but its live queue.
/// </summary>
public sealed class OmpReplayGate(IOptions<OmpStreamOptions> options) : TurnGate(options.Value.MaxConcurrentReplays);
