namespace Tessera.Client.PixelEngine;

/// <summary>What the animation is: frame count, one frame's size, speed, and the motion and direction read from the prompt.</summary>
public sealed record EngineJobMetadata(int Frames, int Width, int Height, int Fps, string? Motion, string? Direction);
