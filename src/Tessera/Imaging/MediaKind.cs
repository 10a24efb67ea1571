namespace Tessera.Imaging;

/// <summary>What a file is, told from its content: an image, a video, a document (PDF) or anything else.</summary>
public enum MediaKind
{
    Other,
    Image,
    Video,
    Document,
}
