namespace Tessera.Client.PixelEngine;

/// <summary><c>GET /balance</c>: <c>monthly + purchased = available</c> (after holds); <c>held</c> is what running jobs keep back.</summary>
public sealed record EngineBalance(decimal Monthly, decimal Purchased, decimal Held, decimal Available);
