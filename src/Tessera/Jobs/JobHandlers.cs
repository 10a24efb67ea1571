namespace Tessera.Jobs;

/// <summary>The registered <see cref="IJobHandler"/>s by kind; a kind registered twice, or one taking the generation kind, stops the start.</summary>
internal sealed class JobHandlers
{
    private readonly Dictionary<string, IJobHandler> _byKind = new(StringComparer.Ordinal);

    public JobHandlers(IEnumerable<IJobHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            if (!JobKinds.IsWellFormed(handler.Kind) || handler.Kind == JobKinds.Generation)
            {
                throw new InvalidOperationException($"Job handler {handler.GetType().Name} cannot take the kind '{handler.Kind}'.");
            }

            if (!_byKind.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two job handlers run the kind '{handler.Kind}'.");
            }
        }
    }

    public IJobHandler? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
