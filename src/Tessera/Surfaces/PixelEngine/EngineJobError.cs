namespace Tessera.Surfaces.PixelEngine;

/// <summary>Why a job failed: a stable <see cref="Code"/> (<c>invalid_image</c>, <c>deadline_exceeded</c> ...) and a message.</summary>
public sealed record EngineJobError(string Code, string Message);
