using Tessera.Common;

namespace Tessera.Jobs;

/// <summary>
/// Wakes this node's worker at once when a job is submitted here or a slot frees up (other nodes' submits are found by
/// polling). Many notifications before the worker wakes collapse into one wake: it claims everything due anyway.
/// </summary>
internal sealed class JobSignal : WakeSignal
{
    public void Notify() => Wake();
}
