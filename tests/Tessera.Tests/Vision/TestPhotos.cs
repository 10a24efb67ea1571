namespace Tessera.Tests.Vision;

/// <summary>
/// Real photos from Debian's python3-skimage data files (scripts/test installs the package): astronaut (a person),
/// chelsea (a cat), coffee (a cup on a table), motorcycle_left (a motorbike). Tests that need them skip, saying why, when
/// the package is missing.
/// </summary>
public static class TestPhotos
{
    public const string Folder = "/usr/lib/python3/dist-packages/skimage/data";

    public static byte[] Read(string name)
    {
        var path = Path.Combine(Folder, name);
        Assert.SkipWhen(!File.Exists(path), $"{path} is missing: install Debian's python3-skimage (scripts/test does) for the real-photo vision tests.");
        return File.ReadAllBytes(path);
    }
}
