using Tessera.Canvas.Pixels;

namespace Tessera.Tests.Canvas.Pixels;

public sealed class PixelChangesTests
{
    [Fact]
    public void Repeats_collapse_to_the_last_value_of_each_field_in_first_appearance_order()
    {
        PixelChange[] changes =
        [
            new(1, 1, 0x000001, "https://a.example/"),
            new(2, 2, 0x000002, null),
            new(1, 1, 0x000003, null),
            new(2, 2, null, "https://b.example/"),
            new(1, 1, 0x000004, null),
        ];

        var collapsed = PixelChanges.CollapseRepeats(changes);

        Assert.Equal([new PixelChange(1, 1, 0x000004, "https://a.example/"), new PixelChange(2, 2, 0x000002, "https://b.example/")], collapsed);
    }

    [Fact]
    public void A_write_without_repeats_is_returned_as_is()
    {
        PixelChange[] changes = [new(1, 1, 1, null), new(2, 1, 2, null)];
        Assert.Same(changes, PixelChanges.CollapseRepeats(changes));
    }
}
