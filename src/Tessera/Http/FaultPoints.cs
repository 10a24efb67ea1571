namespace Tessera.Http;

/// <summary>
/// Deterministic crash tests (DECISIONS.md): <c>Tessera:Testing:FailAt=&lt;name&gt;</c> makes the process die at once
/// (<see cref="Environment.FailFast(string)"/>, like kill -9) when it reaches the named point, e.g.
/// <c>canvas.bulk.after-insert</c>. Unset in production: one string comparison per point.
/// </summary>
public sealed class FaultPoints(IConfiguration configuration)
{
    private readonly string? _failAt = configuration["Tessera:Testing:FailAt"];

    public void Hit(string name)
    {
        if (_failAt is not null && string.Equals(_failAt, name, StringComparison.Ordinal))
        {
            Environment.FailFast($"fault point {name}");
        }
    }
}
