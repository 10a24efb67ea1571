using System.Text.Json;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Admin;

/// <summary>The operator API answers errors as RFC 9457 problem details, with Tessera's stable code as an extension.</summary>
public sealed class ProblemDetailsShape : IErrorShape
{
    public static readonly ProblemDetailsShape Instance = new();

    public string ContentType => "application/problem+json; charset=utf-8";

    public void Write(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteString("type", $"urn:tessera:problem:{error.Code}");
        writer.WriteString("title", error.Code.Replace('_', ' '));
        writer.WriteNumber("status", error.Status);
        writer.WriteString("detail", error.Message);
        writer.WriteString("code", error.Code);
        writer.WriteEndObject();
    }
}
