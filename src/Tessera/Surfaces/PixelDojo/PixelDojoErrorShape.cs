using System.Text.Json;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>PixelDojo: <c>{"error":{"code","message","status"}}</c>, status equal to the HTTP status (DECISIONS.md).</summary>
public sealed class PixelDojoErrorShape : IErrorShape
{
    public static readonly PixelDojoErrorShape Instance = new();

    public void Write(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteNumber("status", error.Status);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
