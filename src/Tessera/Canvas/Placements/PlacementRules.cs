using Tessera.Common;

namespace Tessera.Canvas.Placements;

/// <summary>The checks a reservation passes before anything is decoded or written.</summary>
internal static class PlacementRules
{
    public static Error? CheckSquare(PlacementOptions options, int width, int height, int x, int y, int size)
    {
        var maxSize = MaxSize(options, width, height);
        if (size < options.MinSize || size > maxSize)
        {
            return Error.Validation($"size must be between {options.MinSize} and {maxSize}.");
        }

        return x < 0 || y < 0 || (long)x + size > width || (long)y + size > height
            ? Error.Validation($"The {size}x{size} square at ({x},{y}) must lie inside the {width}x{height} canvas.")
            : null;
    }

    public static int MaxSize(PlacementOptions options, int width, int height) =>
        options.MaxSize > 0 ? Math.Min(options.MaxSize, Math.Min(width, height)) : Math.Min(width, height);

    /// <summary>The unpaid-pixel cap in force: the configured one, or a tenth of the canvas when it is 0.</summary>
    public static long MaxUnpaidPixels(long configured, int width, int height) =>
        configured > 0 ? configured : (long)width * height / 10;

    public static Error? CheckTexts(PlacementOptions options, ReserveRequest request)
    {
        if (request.Url is { Length: > 0 } url)
        {
            if (url.Length > options.MaxUrlLength)
            {
                return Error.Validation($"url must be at most {options.MaxUrlLength} characters.");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
                || !string.IsNullOrEmpty(uri.UserInfo))
            {
                return Error.Validation("url must be an absolute https URL (without user info).");
            }
        }

        if (request.Message is { } message && message.Length > options.MaxMessageLength)
        {
            return Error.Validation($"message must be at most {options.MaxMessageLength} characters.");
        }

        if (request.AgentIdentity is { } identity && identity.Length > options.MaxAgentIdentityLength)
        {
            return Error.Validation($"agentIdentity must be at most {options.MaxAgentIdentityLength} characters.");
        }

        if (request.Image is not { Length: > 0 })
        {
            return Error.Validation("image is required.");
        }

        return string.IsNullOrEmpty(request.Ip) && string.IsNullOrEmpty(request.AccountId)
            ? Error.Validation("A reservation needs the client's IP or account.")
            : null;
    }
}
