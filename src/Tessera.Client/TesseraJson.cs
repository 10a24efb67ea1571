using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Client;

/// <summary>The wire format of the operator API: snake_case fields, nulls left out of requests.</summary>
public static class TesseraJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The same format, indented, for people reading it.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
