using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Hosting;

/// <summary>
/// Reads every string of a bound JSON body as System.Text.Json does, and refuses one holding a NUL (<c>"\u0000"</c>): no
/// field takes one and PostgreSQL cannot store it in text ("invalid byte sequence for encoding UTF8: 0x00"), so it would
/// otherwise be a 500 from whichever insert it reached. The JsonException becomes the surface's 400 <c>invalid_json</c>.
/// </summary>
internal sealed class TextStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A string holds a NUL character (\\u0000), which no field takes.")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
