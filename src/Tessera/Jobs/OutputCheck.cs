using System.Text.Json;
using Tessera.Imaging;

namespace Tessera.Jobs;

/// <summary>
/// Refuses garbage before it is stored: no outputs where some are required (generation), an empty one, or bytes that
/// are not the content type claimed (the media types of <see cref="OutputMedia"/>, the same rule provider engines type
/// their downloads with, by magic numbers; JSON by parsing — the only types jobs serve, so the file route never serves,
/// say, HTML from this origin).
/// </summary>
internal static class OutputCheck
{
    public static string? Problem(JobResult? result, bool outputsRequired)
    {
        if (result?.Outputs is not { } outputs || (outputsRequired && outputs.Count == 0))
        {
            return "The job's work returned no outputs.";
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (output.Content.IsEmpty)
            {
                return $"Output {i} is empty.";
            }

            if (!Matches(output.ContentType, output.Content.Span))
            {
                return $"Output {i} is not the {output.ContentType} it claims to be.";
            }
        }

        return null;
    }

    private static bool Matches(string? contentType, ReadOnlySpan<byte> bytes) =>
        contentType == "application/json" ? IsJson(bytes) : OutputMedia.Is(contentType, bytes);

    private static bool IsJson(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
