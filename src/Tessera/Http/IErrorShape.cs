using System.Text.Json;
using Tessera.Common;

namespace Tessera.Http;

/// <summary>How one API writes an error body: each seed doc documents its own shape.</summary>
public interface IErrorShape
{
    string ContentType => "application/json; charset=utf-8";

    void Write(Utf8JsonWriter writer, Error error);
}
