using System.Text.Json;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>Pixel Engine: <c>{"error":{"code","message"}}</c> on every endpoint.</summary>
public sealed class PixelEngineErrorShape : IErrorShape
{
    public static readonly PixelEngineErrorShape Instance = new();

    public void Write(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
