using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Engines;

/// <summary>What an engine is asked to do: the model it runs as, the validated input JSON, and which attempt this is.</summary>
/// <param name="JobId">For logs and for providers that take a client reference.</param>
/// <param name="Model">The model definition (its <see cref="ModelDefinition.Settings"/> carry engine-specific values such as a provider's model name).</param>
/// <param name="Input">The request body as the surface received it, already validated against the model's schema.</param>
/// <param name="Attempt">1 for the first attempt.</param>
public sealed record EngineRequest(string JobId, ModelDefinition Model, JsonElement Input, int Attempt)
{
    /// <summary>A key the caller brought for this request only (Pixels Ocean's <c>gemini_key</c>); engines of that
    /// provider use it instead of their configured key. Never part of a job's stored input.</summary>
    public CallerApiKey? CallerKey { get; init; }
}

/// <summary>
/// A caller's provider key, held only for the request that brought it. Its <see cref="ToString"/> never shows the
/// value, so a record printed into a log line or an exception message cannot leak it.
/// </summary>
public sealed class CallerApiKey(string value)
{
    public string Value { get; } = value;

    public override string ToString() => "[caller key]";
}

/// <summary>What an attempt made: one or more outputs and metadata the surface shows (frames, fps, seed ...).</summary>
public sealed record EngineResult(IReadOnlyList<EngineOutput> Outputs, JsonObject? Metadata = null);

/// <summary>One output file.</summary>
/// <param name="Content">The encoded bytes (PNG, GIF, WebP, MP4 ...).</param>
/// <param name="ContentType">Its media type, e.g. <c>image/png</c>.</param>
/// <param name="Role">What it is for: <see cref="OutputRoles"/>.</param>
public sealed record EngineOutput(ReadOnlyMemory<byte> Content, string ContentType, string Role);

/// <summary>The roles an output can play; surfaces sort outputs into their documented fields by role.</summary>
public static class OutputRoles
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Animation = "animation";
    public const string SpriteSheet = "spritesheet";
}

/// <summary>An expected engine failure with a stable code (<c>engine_timeout</c>, <c>provider_error</c>, <c>bad_output</c> ...).</summary>
public sealed class EngineException(string code, string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>True when trying again later may work (a 429, a 5xx, a dropped connection); false for bad input or garbage output.</summary>
    public bool Transient { get; } = transient;
}
