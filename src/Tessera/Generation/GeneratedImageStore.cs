using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Media;

namespace Tessera.Generation;

/// <summary>A generated image kept in the library, or the reason it could not be (a full library).</summary>
public sealed record KeptImage(GeneratedImage Image, MediaAsset? Asset, Error? Error);

/// <summary>
/// Keeps generated images in their owner's library, for the queued route and the pipeline's <c>generate</c> step alike:
/// group <see cref="GenerationOptions.LibraryGroup"/>, tagged <c>generated</c> and the provider, named from the
/// prompt's first words (<c>red_fox_in_snow_1.png</c>), titled as the answer titles them.
/// </summary>
public sealed class GeneratedImageStore(MediaLibrary library, IOptions<GenerationOptions> options)
{
    public async Task<IReadOnlyList<KeptImage>> KeepAsync(string accountId, string prompt, GenerationOutcome made, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(made);
        var kept = new List<KeptImage>(made.Images.Count);
        var stem = Stem(prompt);
        foreach (var image in made.Images)
        {
            var extension = image.ContentType switch { "image/jpeg" => "jpg", "image/webp" => "webp", "image/gif" => "gif", _ => "png" };
            using var content = new MemoryStream(image.Content.ToArray(), writable: false);
            var stored = await library.UploadAsync(
                accountId, content, content.Length,
                new MediaUpload($"{stem}_{image.Index + 1}.{extension}", image.Title, options.Value.LibraryGroup, ["generated", image.Provider], null),
                cancellationToken);
            kept.Add(stored.IsSuccess ? new KeptImage(image, stored.Value, null) : new KeptImage(image, null, stored.Error));
        }

        return kept;
    }

    /// <summary>A file name stem from the prompt's first words: lower-case letters and digits joined by underscores.</summary>
    private static string Stem(string prompt)
    {
        var builder = new StringBuilder();
        foreach (var word in prompt.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var clean = new string([.. word.Where(char.IsAsciiLetterOrDigit)]);
            if (clean.Length > 0)
            {
                builder.Append(builder.Length > 0 ? "_" : "").Append(clean);
            }
        }

        return builder.Length > 0 ? builder.ToString(0, Math.Min(builder.Length, 48)) : "generated";
    }
}
