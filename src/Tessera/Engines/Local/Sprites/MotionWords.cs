namespace Tessera.Engines.Local.Sprites;

/// <summary>
/// Reads a motion and a direction from a prompt ("a character walking left" → walk, left). The first motion word
/// wins; without one the sprite idles. A motion without a direction word gets its natural one: right for walk, run,
/// shake and wave; up for jump, bounce, bob and float; clockwise (right) for spin; none for idle, fade and pulse.
/// </summary>
internal static class MotionWords
{
    public static readonly IReadOnlyDictionary<string, Motion> Motions = Table(
        (Motion.Walk, "walk walks walking walker stroll strolls strolling march marches marching step steps stepping"),
        (Motion.Run, "run runs running runner sprint sprints sprinting dash dashes dashing jog jogs jogging gallop galloping race racing"),
        (Motion.Jump, "jump jumps jumping leap leaps leaping hop hops hopping"),
        (Motion.Bounce, "bounce bounces bouncing bouncy"),
        (Motion.Idle, "idle idles idling stand stands standing breathe breathes breathing rest resting wait waiting"),
        (Motion.Bob, "bob bobs bobbing nod nods nodding"),
        (Motion.Float, "float floats floating hover hovers hovering levitate levitates levitating fly flies flying drift drifting"),
        (Motion.Spin, "spin spins spinning rotate rotates rotating rotation twirl twirls twirling roll rolls rolling"),
        (Motion.Shake, "shake shakes shaking shiver shivering tremble trembling vibrate vibrating jitter jittering"),
        (Motion.Fade, "fade fades fading vanish vanishes vanishing disappear disappears disappearing blink blinking"),
        (Motion.Wave, "wave waves waving sway sways swaying wobble wobbles wobbling flutter fluttering"),
        (Motion.Pulse, "pulse pulses pulsing pulsate pulsating throb throbbing beat beating heartbeat"));

    public static readonly IReadOnlyDictionary<string, Direction> Directions = Table(
        (Direction.Left, "left leftward leftwards west counterclockwise counter-clockwise anticlockwise anti-clockwise"),
        (Direction.Right, "right rightward rightwards east clockwise"),
        (Direction.Up, "up upward upwards north skyward"),
        (Direction.Down, "down downward downwards south"));

    public static (Motion Motion, Direction Direction) Parse(string prompt)
    {
        var words = PromptWords.Parse(prompt);
        var motion = words.TryFirst(Motions, out var named) ? named : Motion.Idle;
        var direction = words.TryFirst(Directions, out var given) ? given : DefaultDirection(motion);
        return (motion, direction);
    }

    public static Direction DefaultDirection(Motion motion) => motion switch
    {
        Motion.Walk or Motion.Run or Motion.Shake or Motion.Wave or Motion.Spin => Direction.Right,
        Motion.Jump or Motion.Bounce or Motion.Bob or Motion.Float => Direction.Up,
        _ => Direction.None,
    };

    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static Dictionary<string, T> Table<T>(params (T Value, string Words)[] rows)
    {
        var table = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, words) in rows)
        {
            foreach (var word in words.Split(' '))
            {
                table.Add(word, value);
            }
        }

        return table;
    }
}
