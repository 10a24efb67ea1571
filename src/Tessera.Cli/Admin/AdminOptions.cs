using System.CommandLine;

namespace Tessera.Cli.Admin;

/// <summary>The options every <c>admin</c> command takes, wherever they appear on the line.</summary>
internal sealed class AdminOptions
{
    public const string ServerVariable = "TESSERA_SERVER";
    public const string AdminKeyVariable = "TESSERA_ADMIN_KEY";
    public const string DefaultServer = "http://127.0.0.1:8080";

    // No DefaultValueFactory: help would print the environment's admin key. Fallbacks are read at run time.
    public Option<string> Server { get; } = new("--server")
    {
        Description = $"Server URL (env {ServerVariable}, default {DefaultServer}).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string> AdminKey { get; } = new("--admin-key")
    {
        Description = $"The operator's admin key (env {AdminKeyVariable}).",
        HelpName = "KEY",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the server's JSON instead of text.",
        Recursive = true,
    };
}
