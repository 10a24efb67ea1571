using System.Buffers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Imaging;

namespace Tessera.Engines.Local.Sprites;

/// <summary>
/// <c>sprite-animation</c> (Pixel Engine's <c>/animate</c>): animates one sprite by the motion its prompt names
/// ("a character walking left"): posed copies of the sprite on a transparent canvas, as a looping GIF or WebP and a
/// sprite sheet PNG (frames left to right). Deterministic: the same image and input give the same bytes.
/// </summary>
public sealed class SpriteAnimationEngine(IOptions<ImagingOptions> imaging) : IGenerationEngine
{
    public const string EngineName = "sprite-animation";

    public const string ModelDescription =
        "Sprite animator built into Tessera. It is not a neural model: it moves, squashes, rotates, mirrors and fades the "
        + "uploaded sprite as the prompt's motion word says (walk, run, jump, idle, bob, float, spin, shake, fade, wave, "
        + "bounce, pulse) in the direction it names (left, right, up, down), and returns an animated GIF or WebP and a "
        + "sprite sheet. The same input always gives the same output. Runs offline.";

    /// <summary>The longest side a sprite keeps after decoding; larger ones are scaled down (nearest neighbour).</summary>
    public const int MaxSpriteSide = 512;

    /// <summary>
    /// The most canvas pixels one frame set may hold (all frames together): 8 Mpx is 32 MB of RGBA, and the sheet
    /// doubles it. A larger request scales the sprite down before decoding rather than failing.
    /// </summary>
    public const long MaxFrameSetPixels = 8L * 1024 * 1024;

    public string Name => EngineName;

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var limits = imaging.Value;
        var input = SpriteAnimationInput.Parse(request.Input, limits.MaxBytes);
        return Task.Run(() => Animate(input, limits, cancellationToken), cancellationToken);
    }

    private static EngineResult Animate(SpriteAnimationInput input, ImagingOptions limits, CancellationToken cancellationToken)
    {
        var (motion, direction) = MotionWords.Parse(input.Prompt);

        // Bound the sprite so that frames × canvas stays within the budget, before any pixel is decoded.
        var (roomX, roomY) = MotionPlan.Room(motion, direction);
        var maxSide = (int)Math.Min(MaxSpriteSide, Math.Sqrt(MaxFrameSetPixels / (input.Frames * roomX * roomY)));
        var decoded = ImageDecoder.DecodeWithin(input.Image, maxSide, limits);
        if (!decoded.IsSuccess)
        {
            throw new EngineException(decoded.Error.Code, decoded.Error.Message, transient: false);
        }

        var sprite = decoded.Value;
        var plan = new MotionPlan(motion, direction, sprite.Width, sprite.Height);
        var mirror = direction is Direction.Left or Direction.Right && direction != input.Facing && motion != Motion.Spin;
        var (width, height, frames) = (plan.CanvasWidth, plan.CanvasHeight, input.Frames);
        var frameBytes = width * height * 4;
        var stack = ArrayPool<byte>.Shared.Rent(frameBytes * frames);
        var sheet = ArrayPool<byte>.Shared.Rent(frameBytes * frames);
        try
        {
            Array.Clear(stack, 0, frameBytes * frames);
            for (var i = 0; i < frames; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var canvas = stack.AsSpan(i * frameBytes, frameBytes);
                var pose = plan.Pose(i, frames);
                foreach (var (dx, dy) in Copies(plan, width, height))
                {
                    SpriteDrawer.Draw(sprite.Pixels, sprite.Width, sprite.Height, canvas, width, height,
                        pose with { X = pose.X + dx, Y = pose.Y + dy }, plan.AnchorAtBottom, mirror, binaryAlpha: !input.WebP);
                }
            }

            // The sheet lays the frames left to right: row y of the sheet is row y of every frame in turn.
            var rowBytes = width * 4;
            for (var i = 0; i < frames; i++)
            {
                for (var y = 0; y < height; y++)
                {
                    stack.AsSpan((i * frameBytes) + (y * rowBytes), rowBytes).CopyTo(sheet.AsSpan((((y * frames) + i) * rowBytes), rowBytes));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var delay = (int)Math.Round(1000.0 / input.Fps);
            var animation = ImageEncoder.Animation(stack, width, height, frames, delay, input.WebP);
            var spriteSheet = ImageEncoder.Png(sheet, width * frames, height, opaque: false);
            var metadata = new JsonObject
            {
                ["frames"] = frames,
                ["width"] = width,
                ["height"] = height,
                ["fps"] = input.Fps,
                ["motion"] = MotionWords.Name(motion),
                ["direction"] = MotionWords.Name(direction),
                ["format"] = input.WebP ? "webp" : "gif",
                ["sprite_width"] = sprite.Width,
                ["sprite_height"] = sprite.Height,
                ["engine"] = EngineName,
            };
            return new EngineResult(
                [
                    new EngineOutput(animation, input.WebP ? "image/webp" : "image/gif", OutputRoles.Animation),
                    new EngineOutput(spriteSheet, "image/png", OutputRoles.SpriteSheet),
                ],
                metadata);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stack);
            ArrayPool<byte>.Shared.Return(sheet);
        }
    }

    /// <summary>Where to draw the sprite: once, or also one canvas away on a wrapping axis (the part that walked off one
    /// edge comes back in at the other).</summary>
    private static (float Dx, float Dy)[] Copies(MotionPlan plan, int width, int height) =>
        plan.WrapsHorizontally ? [(0, 0), (-width, 0), (width, 0)]
        : plan.WrapsVertically ? [(0, 0), (0, -height), (0, height)]
        : [(0, 0)];
}
