namespace Tessera.Client.PixelEngine;

public sealed record EngineKeyList(IReadOnlyList<EngineKey> Keys, int Count);
