namespace Tessera.Cli;

/// <summary>What <c>tessera</c> exits with.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered with an error, could not be reached, or the ledger audit failed.</summary>
    public const int ApiError = 1;

    /// <summary>The command line was wrong: unknown command, bad argument, missing admin key.</summary>
    public const int Usage = 2;
}
