namespace Tessera.Engines.Local.Sprites;

/// <summary>
/// Where and how one frame draws the sprite: its anchor point (bottom-centre or centre of the sprite) lands at
/// (<see cref="X"/>, <see cref="Y"/>) on the canvas; around it the sprite is scaled, rotated (radians, clockwise on
/// screen), mirrored, faded, and bent by a horizontal wave that grows towards the sprite's top.
/// </summary>
internal readonly record struct SpritePose(
    float X,
    float Y,
    float ScaleX = 1,
    float ScaleY = 1,
    float Angle = 0,
    float Alpha = 1,
    float WaveAmplitude = 0,
    float WavePhase = 0);
