using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>
/// A currency the ledger keeps: its name, its pools, and the factor between display units (what APIs speak)
/// and minor units (what is stored). Credits, Pixcoins and pixel credits are kept in thousandths, sats in millisats.
/// </summary>
public sealed record Currency(string Name, long MinorPerUnit, IReadOnlyList<string> Pools)
{
    public const string NoPool = "";
    public const string Monthly = "monthly";
    public const string Purchased = "purchased";

    public static readonly Currency Credits = new("credits", 1000, [Monthly, Purchased]);
    public static readonly Currency Pixcoins = new("pixcoins", 1000, [NoPool]);
    public static readonly Currency PixelCredits = new("pixel_credits", 1000, [NoPool]);
    public static readonly Currency Sats = new("sats", 1000, [NoPool]);

    public static IReadOnlyList<Currency> All { get; } = [Credits, Pixcoins, PixelCredits, Sats];

    /// <summary>True when the currency has named pools (credits); the pool to spend from is then chosen by the ledger.</summary>
    public bool HasPools => Pools.Count > 1 || Pools[0].Length > 0;

    public static Result<Currency> Parse(string? name) =>
        All.FirstOrDefault(currency => string.Equals(currency.Name, name, StringComparison.Ordinal)) is { } found
            ? found
            : Error.Validation($"Unknown currency '{name}'; expected one of {string.Join(", ", All.Select(c => c.Name))}.");

    /// <summary>The pool a grant goes to: required (monthly | purchased) for credits, absent for the others.</summary>
    public Result<string> ParsePool(string? pool)
    {
        if (!HasPools)
        {
            return string.IsNullOrEmpty(pool) ? NoPool : Error.Validation($"Currency '{Name}' has no pools.");
        }

        return Pools.Contains(pool ?? "", StringComparer.Ordinal)
            ? pool!
            : Error.Validation($"Currency '{Name}' needs a pool: {string.Join(" or ", Pools)}.");
    }

    /// <summary>Display units to minor units; refuses zero, negative, and finer than one minor unit.</summary>
    public Result<long> ToMinor(decimal amount)
    {
        if (amount <= 0)
        {
            return Error.Validation("Amount must be positive.");
        }

        if (amount > 1_000_000_000_000m)
        {
            return Error.Validation("Amount is too large.");
        }

        var minor = amount * MinorPerUnit;
        return minor == decimal.Truncate(minor)
            ? (long)minor
            : Error.Validation($"Amount has more precision than {Name} keeps (1/{MinorPerUnit}).");
    }

    public decimal ToDisplay(long minor) => (decimal)minor / MinorPerUnit;
}
