using Tessera.Vision;

namespace Tessera.Tests.Vision;

public sealed class VisionFileNamesTests
{
    private static readonly byte[] Png = Tessera.Imaging.ImageEncoder.Png(new byte[4 * 4 * 4], 4, 4, opaque: true);

    [Fact]
    public void The_name_is_the_top_two_labels_as_a_slug_a_content_hash_and_the_original_extension()
    {
        var name = VisionFileNames.From(["dining table", "Cup", "person"], Png, "IMG_0042.JPG");

        Assert.Matches("^dining_table_cup_[0-9a-f]{4}\\.jpg$", name);
        Assert.Equal(name, VisionFileNames.From(["dining table", "Cup", "person"], Png, "other.JPG")); // same bytes, same labels
        Assert.NotEqual(name, VisionFileNames.From(["dining table", "Cup"], [.. Png, 0], "IMG_0042.JPG"));
    }

    [Fact]
    public void Accents_and_symbols_fold_to_ascii_and_a_name_without_extension_takes_the_bytes_format()
    {
        Assert.Matches("^creme_brulee_cafe_au_lait_[0-9a-f]{4}\\.png$", VisionFileNames.From(["Crème brûlée!", "café / au lait"], Png, "download"));
        Assert.Matches("^image_[0-9a-f]{4}\\.png$", VisionFileNames.From(["★★★"], Png, "x.weird-ext"));
    }

    [Fact]
    public void The_ai_label_is_the_labels_in_title_case_joined_by_commas()
    {
        Assert.Equal("Sunset, Ocean, Dining Table", VisionFileNames.Display(["sunset", "ocean", "dining table"]));
    }
}
