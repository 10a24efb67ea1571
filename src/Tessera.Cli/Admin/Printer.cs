using System.Globalization;
using System.Text.Json;
using Tessera.Client;

namespace Tessera.Cli.Admin;

/// <summary>Writes a result as text for people, or as JSON with <c>--json</c>.</summary>
internal sealed class Printer(TextWriter output, TextWriter error, bool json)
{
    public bool Json => json;

    public TextWriter Output => output;

    /// <summary>Prints <paramref name="value"/> as JSON, or runs <paramref name="text"/> to print it for people.</summary>
    public async Task PrintAsync<T>(T value, Action<TextWriter> text)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(value, TesseraJson.Indented));
        }
        else
        {
            text(output);
        }
    }

    /// <summary>A remark for people (goes to stderr, so stdout stays the result).</summary>
    public Task NoteAsync(string message) => json ? Task.CompletedTask : error.WriteLineAsync(message);

    /// <summary><c>key: value</c> lines with the values lined up; null values are left out.</summary>
    public static void Fields(TextWriter writer, params (string Name, string? Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 3; // the colon and two spaces
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                writer.WriteLine((name + ":").PadRight(width) + value);
            }
        }
    }

    /// <summary>A display amount without trailing zeros: <c>10.5</c>, <c>2500</c>.</summary>
    public static string Amount(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
