namespace Tessera.Cli;

public static class CliProgram
{
    public static Task<int> Main(string[] args) => CliApp.Create(Console.Out, Console.Error).RunAsync(args);
}
