using Microsoft.Extensions.Options;

namespace Tessera.Vision.Local;

/// <summary>
/// Finds what the local engine needs: the Node.js executable (<see cref="LocalVisionOptions.NodeExecutable"/>, a path or a
/// name on PATH) and the worker folder (<see cref="LocalVisionOptions.NodeDirectory"/>, or found from the app's folder
/// up: <c>vision-node/</c> beside a published app, <c>src/Tessera/Vision/node/</c> in a source checkout) with
/// <c>worker.js</c> and the <c>node_modules</c> that <c>npm ci</c> makes. Each miss is a reason an operator can act on.
/// </summary>
internal sealed class NodeLocator(IOptions<VisionOptions> options)
{
    public const string WorkerScript = "worker.js";

    private static readonly string[] Candidates = ["vision-node", Path.Combine("src", "Tessera", "Vision", "node")];

    /// <summary>The node executable and the worker folder, or why the local engine cannot run.</summary>
    public (string? Node, string? Directory, string? Reason) Locate()
    {
        var local = options.Value.Local;
        var directory = local.NodeDirectory.Length > 0 ? Path.GetFullPath(local.NodeDirectory) : Search(AppContext.BaseDirectory);
        if (directory is null || !File.Exists(Path.Combine(directory, WorkerScript)))
        {
            return (null, null, local.NodeDirectory.Length > 0
                ? $"Tessera:Vision:Local:NodeDirectory '{local.NodeDirectory}' has no {WorkerScript}."
                : $"the vision worker folder was not found from {AppContext.BaseDirectory}; set Tessera:Vision:Local:NodeDirectory to the folder holding {WorkerScript}.");
        }

        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            return (null, directory, $"the vision worker's npm packages are not installed: run `npm ci --prefix {directory}`.");
        }

        var node = Executable(local.NodeExecutable);
        return node is null
            ? (null, directory, $"Node.js ('{local.NodeExecutable}') was not found: install Node.js 18 or later, or set Tessera:Vision:Local:NodeExecutable.")
            : (node, directory, null);
    }

    private static string? Search(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in Candidates)
            {
                var path = Path.Combine(dir.FullName, candidate);
                if (File.Exists(Path.Combine(path, WorkerScript)))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static string? Executable(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
