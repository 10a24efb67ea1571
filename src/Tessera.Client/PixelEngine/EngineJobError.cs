namespace Tessera.Client.PixelEngine;

/// <summary>Why a job failed (<c>invalid_image</c>, <c>deadline_exceeded</c> ...); its credits were returned.</summary>
public sealed record EngineJobError(string Code, string Message);
