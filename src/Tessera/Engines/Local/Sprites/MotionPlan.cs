namespace Tessera.Engines.Local.Sprites;

/// <summary>
/// How a motion moves a sprite of a given size: the canvas it needs (the sprite plus room to move: walking travels
/// across a canvas 1.5× as wide and wraps around, jumping needs 1.6× the height, spinning the diagonal) and the pose of
/// each frame. Frame i of n is at t = i/n of one seamless cycle, so the animation loops without a jump.
/// </summary>
internal sealed class MotionPlan
{
    private const float Tau = MathF.PI * 2;

    private readonly Motion _motion;
    private readonly Direction _direction;
    private readonly int _spriteWidth;
    private readonly int _spriteHeight;

    public MotionPlan(Motion motion, Direction direction, int spriteWidth, int spriteHeight)
    {
        _motion = motion;
        _direction = direction;
        _spriteWidth = spriteWidth;
        _spriteHeight = spriteHeight;
        AnchorAtBottom = motion is Motion.Walk or Motion.Run or Motion.Jump or Motion.Bounce or Motion.Idle or Motion.Wave;
        if (motion == Motion.Spin)
        {
            var diagonal = (int)MathF.Ceiling(MathF.Sqrt((spriteWidth * spriteWidth) + (spriteHeight * spriteHeight)));
            (CanvasWidth, CanvasHeight) = (diagonal, diagonal);
        }
        else
        {
            var (fx, fy) = Room(motion, direction);
            (CanvasWidth, CanvasHeight) = ((int)MathF.Ceiling(spriteWidth * fx), (int)MathF.Ceiling(spriteHeight * fy));
        }
    }

    public int CanvasWidth { get; }

    public int CanvasHeight { get; }

    /// <summary>True when the sprite stands on the canvas' bottom edge (its anchor is its bottom-centre); else it is centred.</summary>
    public bool AnchorAtBottom { get; }

    /// <summary>Walking and running travel: the canvas wraps along this axis, so the sprite leaving one side enters the other.</summary>
    public bool WrapsHorizontally => _motion is Motion.Walk or Motion.Run && _direction is not (Direction.Up or Direction.Down);

    public bool WrapsVertically => _motion is Motion.Walk or Motion.Run && _direction is Direction.Up or Direction.Down;

    /// <summary>The canvas size per sprite size for each motion, at most 1.5 × 1.6 (the spin's diagonal is at most √2 × √2),
    /// used to bound the frame set before decoding.</summary>
    public static (float X, float Y) Room(Motion motion, Direction direction)
    {
        var vertical = direction is Direction.Up or Direction.Down;
        return motion switch
        {
            Motion.Walk or Motion.Run => vertical ? (1.15f, 1.5f) : (1.5f, 1.15f),
            Motion.Jump => (1.25f, 1.6f),
            Motion.Bounce => (1.25f, 1.45f),
            Motion.Idle => (1.05f, 1.06f),
            Motion.Bob => (1f, 1.15f),
            Motion.Float => (1.1f, 1.3f),
            Motion.Spin => (1.42f, 1.42f),
            Motion.Shake => vertical ? (1f, 1.12f) : (1.12f, 1f),
            Motion.Wave => (1.25f, 1f),
            Motion.Pulse => (1.16f, 1.16f),
            _ => (1f, 1f),
        };
    }

    public SpritePose Pose(int frame, int frames)
    {
        var t = frame / (float)frames;
        var w = _spriteWidth;
        var h = _spriteHeight;
        var cx = CanvasWidth / 2f;
        var cy = AnchorAtBottom ? CanvasHeight : CanvasHeight / 2f;
        var sign = _direction is Direction.Left or Direction.Up ? -1 : 1;
        switch (_motion)
        {
            case Motion.Walk:
            case Motion.Run:
                {
                    var running = _motion == Motion.Run;

                    // Two steps per cycle: |sin| peaks twice; the body dips and squashes slightly as each foot lands.
                    var step = MathF.Abs(MathF.Sin(Tau * t));
                    var bob = (running ? 0.1f : 0.06f) * h * step;
                    var squash = (running ? 0.06f : 0.04f) * (1 - step);
                    if (WrapsVertically)
                    {
                        return new SpritePose(cx + (0.03f * w * MathF.Sin(2 * Tau * t)), cy + (sign * t * CanvasHeight), 1 + squash, 1 - squash);
                    }

                    return new SpritePose(cx + (sign * t * CanvasWidth), cy - bob, 1 + squash, 1 - squash, Angle: running ? sign * 0.12f : 0);
                }

            case Motion.Jump:
                {
                    var air = 4 * t * (1 - t);
                    var squash = air < 0.3f ? (0.3f - air) / 0.3f * 0.18f : 0;
                    var stretch = air >= 0.3f ? 0.08f * (1 - air) : 0;
                    return new SpritePose(cx, cy - (air * 0.45f * h), 1 + squash - (stretch * 0.6f), 1 - squash + stretch);
                }

            case Motion.Bounce:
                {
                    var air = MathF.Sin(MathF.PI * t);
                    var squash = air < 0.25f ? (0.25f - air) / 0.25f * 0.2f : 0;
                    return new SpritePose(cx, cy - (air * 0.35f * h), 1 + squash, 1 - squash);
                }

            case Motion.Idle:
                {
                    var breath = MathF.Sin(Tau * t);
                    return new SpritePose(cx, cy, 1 - (0.015f * breath), 1 + (0.03f * breath));
                }

            case Motion.Bob:
                return new SpritePose(cx, cy + (sign * 0.06f * h * MathF.Sin(Tau * t)));
            case Motion.Float:
                return new SpritePose(cx, cy + (sign * 0.12f * h * MathF.Sin(Tau * t)), Angle: 0.05f * MathF.Cos(Tau * t));
            case Motion.Spin:
                return new SpritePose(cx, cy, Angle: sign * Tau * t);
            case Motion.Shake:
                {
                    var offset = 0.05f * MathF.Sin(3 * Tau * t);
                    return _direction is Direction.Up or Direction.Down ? new SpritePose(cx, cy + (offset * h)) : new SpritePose(cx + (offset * w), cy);
                }

            case Motion.Fade:
                return new SpritePose(cx, cy, Alpha: 0.5f + (0.5f * MathF.Cos(Tau * t)));
            case Motion.Wave:
                return new SpritePose(cx, cy, WaveAmplitude: 0.1f * w, WavePhase: sign * Tau * t);
            case Motion.Pulse:
                {
                    var scale = 1 + (0.14f * (0.5f - (0.5f * MathF.Cos(Tau * t))));
                    return new SpritePose(cx, cy, scale, scale);
                }

            default:
                return new SpritePose(cx, cy);
        }
    }
}
