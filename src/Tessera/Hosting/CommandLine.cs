namespace Tessera.Hosting;

/// <summary>The <c>tessera serve</c> options, mapped onto configuration keys so each also works as <c>Tessera__...</c>.</summary>
public static class CommandLine
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--data"] = "Tessera:Data",
        ["--database"] = "Tessera:Database",
        ["--config"] = "Tessera:Config",
        ["--admin-key"] = "Tessera:AdminKey",
    };

    /// <summary>The value of <c>--config FILE</c> (or <c>--config=FILE</c>), read before configuration is built.</summary>
    public static string? ConfigFile(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return Environment.GetEnvironmentVariable("Tessera__Config");
    }
}
