using Microsoft.Extensions.Options;

namespace Tessera.Vision;

/// <summary>The engines in <c>Tessera:Vision:Engines</c> order (an engine left out of the list is never used).</summary>
public sealed class VisionRegistry(IEnumerable<IVisionEngine> engines, IOptions<VisionOptions> options)
{
    private readonly IReadOnlyList<IVisionEngine> _ordered =
        [.. options.Value.EngineOrder.Select(name => engines.FirstOrDefault(engine => string.Equals(engine.Name, name, StringComparison.OrdinalIgnoreCase))).OfType<IVisionEngine>()];

    public IReadOnlyList<IVisionEngine> Ordered => _ordered;

    /// <summary>The first engine that can run, or null.</summary>
    public IVisionEngine? FirstAvailable => _ordered.FirstOrDefault(engine => engine.Availability.Available);

    /// <summary>Why no engine can run: each configured engine's reason.</summary>
    public string WhyNone => _ordered.Count == 0
        ? "no vision engine is configured (Tessera:Vision:Engines is empty)."
        : string.Join("; ", _ordered.Select(engine => $"{engine.Name}: {engine.Availability.Reason ?? "available"}"));
}
