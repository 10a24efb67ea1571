using System.Reflection;

namespace Tessera.Tests.Architecture;

/// <summary>
/// The folders of the Tessera assembly (a type's folder is its namespace under <c>Tessera.</c>: <c>Canvas</c> for
/// <c>Tessera.Canvas.Pixels</c>; each surface is its own folder, <c>Surfaces/PixelDojo</c>) and which folder's types use
/// which other folder's types.
/// </summary>
internal sealed class FolderGraph
{
    private FolderGraph(Dictionary<string, Dictionary<string, SortedSet<string>>> edges) => Edges = edges;

    /// <summary>From folder → to folder → the referencing types (<c>A.B uses C.D</c>), for the failure message.</summary>
    public Dictionary<string, Dictionary<string, SortedSet<string>>> Edges { get; }

    public static FolderGraph Of(Assembly assembly)
    {
        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(type => type.DeclaringType is null))
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            var types = new List<Type> { type };
            for (var i = 0; i < types.Count; i++)
            {
                types.AddRange(types[i].GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
            }

            foreach (var referenced in types.SelectMany(TypeReferences.Of).Distinct())
            {
                if (FolderOf(referenced) is { } to && to != from)
                {
                    var byTarget = edges.TryGetValue(from, out var existing) ? existing : edges[from] = new(StringComparer.Ordinal);
                    var why = byTarget.TryGetValue(to, out var set) ? set : byTarget[to] = new(StringComparer.Ordinal);
                    why.Add($"{type.FullName} uses {referenced.FullName}");
                }
            }
        }

        return new FolderGraph(edges);
    }

    public static string? FolderOf(Type type)
    {
        var parts = type.Namespace?.Split('.');
        if (parts is not { Length: >= 2 } || parts[0] != "Tessera")
        {
            return null;
        }

        return parts[1] == "Surfaces" && parts.Length >= 3 ? $"Surfaces/{parts[2]}" : parts[1];
    }

    /// <summary>Strongly connected groups of two or more folders: each is a cycle (Tarjan's algorithm).</summary>
    public List<List<string>> Cycles()
    {
        var nodes = Edges.Keys.Concat(Edges.Values.SelectMany(targets => targets.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Edges.TryGetValue(node, out var targets) ? targets.Keys : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in nodes.Where(node => !index.ContainsKey(node)))
        {
            Visit(node);
        }

        return cycles;
    }
}
