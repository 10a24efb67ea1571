using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Payments.Lnd;

/// <summary>One line of a REST server stream: <c>{"result": {...}}</c>, or <c>{"error": {...}}</c> when the stream fails.</summary>
internal sealed record LndStreamMessage(
    [property: JsonPropertyName("result")] LndInvoice? Result,
    [property: JsonPropertyName("error")] JsonElement? Error);
