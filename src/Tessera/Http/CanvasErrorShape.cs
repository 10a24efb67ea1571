using System.Text.Json;
using Tessera.Common;

namespace Tessera.Http;

/// <summary>
/// The two canvas services (One Million Pixels, Billion Satoshi) document status codes but no body; both use
/// <c>{"error":"message","code":"machine_code"}</c>, the shape their JavaScript clients already read
/// (<c>res.error</c>). See docs/errors.md.
/// </summary>
public sealed class CanvasErrorShape : IErrorShape
{
    public static readonly CanvasErrorShape Instance = new();

    public void Write(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteString("error", error.Message);
        writer.WriteString("code", error.Code);
        writer.WriteEndObject();
    }
}
