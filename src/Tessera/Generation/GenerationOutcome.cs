namespace Tessera.Generation;

/// <summary>One image made: its place in the answer, who made it, its title ("Imagen 4 — Variation 1") and its bytes.</summary>
public sealed record GeneratedImage(int Index, string Provider, string Title, ReadOnlyMemory<byte> Content, string ContentType)
{
    /// <summary>The image as a <c>data:</c> URL, usable directly as an <c>img</c> source.</summary>
    public string DataUrl => $"data:{ContentType};base64,{Convert.ToBase64String(Content.Span)}";
}

/// <summary>A provider that was tried (or skipped) before the one that answered, and why it did not.</summary>
public sealed record ProviderFailure(string Provider, string Code, string Reason);

/// <summary>What a generation made: the provider that succeeded, its images, and the providers that failed before it.</summary>
public sealed record GenerationOutcome(string Provider, IReadOnlyList<GeneratedImage> Images, IReadOnlyList<ProviderFailure> FellThrough);
