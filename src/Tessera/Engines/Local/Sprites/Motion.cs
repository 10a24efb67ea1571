namespace Tessera.Engines.Local.Sprites;

/// <summary>What a sprite animation does, parsed from its prompt (<see cref="MotionWords"/>).</summary>
internal enum Motion
{
    Idle,
    Walk,
    Run,
    Jump,
    Bounce,
    Bob,
    Float,
    Spin,
    Shake,
    Fade,
    Wave,
    Pulse,
}
