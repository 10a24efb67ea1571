using System.Globalization;
using Tessera.Common;

namespace Tessera.Payments.Bolt11;

/// <summary>
/// The amount in an invoice's hrp: a positive decimal number of bitcoin with an optional multiplier
/// (<c>m</c> 10⁻³, <c>u</c> 10⁻⁶, <c>n</c> 10⁻⁹, <c>p</c> 10⁻¹²), held here as millisatoshis (1 BTC = 10¹¹ msat).
/// </summary>
public static class Bolt11Amount
{
    private const long MsatPerBitcoin = 100_000_000_000;

    /// <summary>Millisatoshis per unit of each multiplier, largest first (the order <see cref="Format"/> tries them).</summary>
    private static readonly (char Multiplier, long Msat)[] Units = [('m', 100_000_000), ('u', 100_000), ('n', 100)];

    /// <summary>Null when <paramref name="text"/> is empty (an invoice for any amount).</summary>
    public static Result<long?> Parse(string text)
    {
        if (text.Length == 0)
        {
            return Result<long?>.Ok(null);
        }

        var multiplier = char.IsAsciiDigit(text[^1]) ? '\0' : text[^1];
        var digits = multiplier == '\0' ? text : text[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return Bolt11Errors.Malformed($"The amount '{text}' is not a number followed by an optional multiplier (m, u, n, p).");
        }

        if (digits[0] == '0')
        {
            return Bolt11Errors.Malformed($"The amount '{text}' has a leading zero.");
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Bolt11Errors.Malformed($"The amount '{text}' is too large.");
        }

        try
        {
            return multiplier switch
            {
                '\0' => checked(number * MsatPerBitcoin),
                'm' => checked(number * 100_000_000),
                'u' => checked(number * 100_000),
                'n' => checked(number * 100),
                // A pico-bitcoin is a tenth of a millisatoshi: anything finer than a millisatoshi cannot be paid.
                'p' when number % 10 != 0 => Bolt11Errors.Malformed($"The amount '{text}' is not a whole number of millisatoshis (a 'p' amount must end in 0)."),
                'p' => number / 10,
                _ => Bolt11Errors.Malformed($"The amount '{text}' has an unknown multiplier '{multiplier}' (m, u, n or p)."),
            };
        }
        catch (OverflowException)
        {
            return Bolt11Errors.Malformed($"The amount '{text}' is too large.");
        }
    }

    /// <summary>The shortest form: the largest multiplier that divides the amount exactly (BOLT #11 "SHOULD use the shortest representation").</summary>
    public static string Format(long? amountMsat)
    {
        if (amountMsat is not { } msat)
        {
            return "";
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(msat);
        if (msat % MsatPerBitcoin == 0)
        {
            return (msat / MsatPerBitcoin).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (multiplier, unit) in Units)
        {
            if (msat % unit == 0)
            {
                return (msat / unit).ToString(CultureInfo.InvariantCulture) + multiplier;
            }
        }

        return checked(msat * 10).ToString(CultureInfo.InvariantCulture) + "p";
    }
}
