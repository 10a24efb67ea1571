using System.Text.Json;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Pixels Ocean: <c>{"success":false,"error":"..."}</c> as its doc shows; <c>code</c> is added beside it so
/// agents can branch on a stable value (clients that read only <c>error</c> are unaffected).
/// </summary>
public sealed class PixelsOceanErrorShape : IErrorShape
{
    public static readonly PixelsOceanErrorShape Instance = new();

    public void Write(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", false);
        writer.WriteString("error", error.Message);
        writer.WriteString("code", error.Code);
        writer.WriteEndObject();
    }
}
