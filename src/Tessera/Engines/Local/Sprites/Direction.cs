namespace Tessera.Engines.Local.Sprites;

/// <summary>Which way a motion goes; <see cref="None"/> for motions without one (idle, fade, pulse).</summary>
internal enum Direction
{
    None,
    Left,
    Right,
    Up,
    Down,
}
