namespace Tessera.Cli;

public static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
        {
            await Tessera.Hosting.TesseraApp.Build(args[1..]).RunAsync();
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: tessera serve [--urls URL] [--data DIR] [--database CONNECTION] [--config FILE]");
        return 2;
    }
}
