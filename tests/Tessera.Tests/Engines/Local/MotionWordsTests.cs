using Tessera.Engines.Local.Sprites;

namespace Tessera.Tests.Engines.Local;

public sealed class MotionWordsTests
{
    [Theory]
    [InlineData("a character walking left", "walk", "left")]
    [InlineData("a knight walks", "walk", "right")]
    [InlineData("hero running", "run", "right")]
    [InlineData("robot sprinting to the left", "run", "left")]
    [InlineData("a frog hopping", "jump", "up")]
    [InlineData("Cat JUMPS right!", "jump", "right")]
    [InlineData("slime bouncing", "bounce", "up")]
    [InlineData("a knight standing still", "idle", "none")]
    [InlineData("a cat", "idle", "none")]
    [InlineData("", "idle", "none")]
    [InlineData("bobbing buoy", "bob", "up")]
    [InlineData("a bird flying down", "float", "down")]
    [InlineData("a balloon floating up", "float", "up")]
    [InlineData("spinning coin", "spin", "right")]
    [InlineData("coin rotating counterclockwise", "spin", "left")]
    [InlineData("shaking bush", "shake", "right")]
    [InlineData("ghost fading away", "fade", "none")]
    [InlineData("flag waving in the wind", "wave", "right")]
    [InlineData("pulsing heart", "pulse", "none")]
    [InlineData("a dog walking upward", "walk", "up")]
    [InlineData("a mage hovering downwards", "float", "down")]
    public void The_prompt_names_the_motion_and_direction(string prompt, string motion, string direction)
    {
        var (parsedMotion, parsedDirection) = MotionWords.Parse(prompt);
        Assert.Equal(motion, MotionWords.Name(parsedMotion));
        Assert.Equal(direction, MotionWords.Name(parsedDirection));
    }
}
