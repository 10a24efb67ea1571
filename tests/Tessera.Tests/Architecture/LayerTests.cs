using System.Reflection;
using System.Runtime.Loader;
using System.Text;

namespace Tessera.Tests.Architecture;

/// <summary>
/// One-way layers (ARCHITECTURE.md, docs/architecture.md): a folder may use its own layer's folders and the layers below,
/// never one above, and the folders never use each other in a circle. Adding a surface adds a folder under
/// <c>Surfaces/</c>; nothing below it changes.
/// </summary>
public sealed class LayerTests(ITestOutputHelper output)
{
    /// <summary>The allowed order, lowest first. A folder not named here is a module (the middle layer).</summary>
    private static readonly string[][] Layers =
    [
        ["Common"],
        ["Storage"],
        ["Http"],
        [Modules],
        ["Admin", "Surfaces/*"],
        ["Hosting"],
    ];

    private const string Modules = "(modules)";

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Of(typeof(Tessera.Hosting.TesseraApp).Assembly));

    [Fact]
    public void No_folder_uses_a_folder_in_a_higher_layer()
    {
        var upward = new StringBuilder();
        foreach (var (from, targets) in Graph.Value.Edges)
        {
            foreach (var (to, why) in targets.Where(target => RankOf(target.Key) > RankOf(from)))
            {
                upward.AppendLine($"{from} (layer {RankOf(from)}) → {to} (layer {RankOf(to)}): {string.Join("; ", why.Take(3))}");
            }
        }

        Assert.True(upward.Length == 0, "Upward references (allowed order: " + Order + "):\n" + upward);
    }

    [Fact]
    public void The_folders_use_each_other_without_a_cycle()
    {
        var cycles = Graph.Value.Cycles();
        Assert.True(cycles.Count == 0, "Cycles between folders:\n" + string.Join("\n", cycles.Select(cycle => string.Join(" ⇄ ", cycle))));
    }

    [Fact]
    public void Every_surface_folder_sits_above_the_modules_and_every_module_below_the_surfaces()
    {
        Assert.Equal(4, RankOf("Surfaces/PixelsOcean"));
        Assert.Equal(3, RankOf("Canvas"));
        Assert.True(RankOf("Http") < RankOf("Ledger"));
        Assert.True(RankOf("Hosting") > RankOf("Surfaces/PixelDojo"));
    }

    /// <summary>
    /// Prints the folder graph of a built Tessera.dll (<c>TESSERA_ARCH_ASSEMBLY=/path/Tessera.dll</c>, e.g. an older
    /// commit's build) or of this one: the numbers in docs/architecture.md come from here.
    /// </summary>
    [Fact(Explicit = true)]
    public void Print_the_folder_graph()
    {
        var path = Environment.GetEnvironmentVariable("TESSERA_ARCH_ASSEMBLY");
        var assembly = string.IsNullOrEmpty(path)
            ? typeof(Tessera.Hosting.TesseraApp).Assembly
            : new AssemblyLoadContext("architecture", isCollectible: true).LoadFromAssemblyPath(Path.GetFullPath(path));
        var graph = FolderGraph.Of(assembly);
        foreach (var (from, targets) in graph.Edges.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} → {string.Join(", ", targets.Keys.Order(StringComparer.Ordinal))}");
        }

        foreach (var cycle in graph.Cycles())
        {
            output.WriteLine($"cycle of {cycle.Count}: {string.Join(", ", cycle)}");
        }
    }

    private static string Order => string.Join(" < ", Layers.Select(layer => string.Join(", ", layer)));

    private static int RankOf(string folder)
    {
        for (var rank = 0; rank < Layers.Length; rank++)
        {
            if (Layers[rank].Any(name => name == folder || (name.EndsWith("/*", StringComparison.Ordinal) && folder.StartsWith(name[..^1], StringComparison.Ordinal))))
            {
                return rank;
            }
        }

        return Array.IndexOf(Layers, Layers.Single(layer => layer.Contains(Modules)));
    }
}
