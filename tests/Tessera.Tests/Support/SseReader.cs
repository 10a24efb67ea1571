using System.Globalization;
using System.Text.Json;

namespace Tessera.Tests.Support;

/// <summary>Reads server-sent events off a stream the way a client does: the <c>id:</c> line, then the <c>data:</c> line.</summary>
public static class SseReader
{
    /// <summary>The next event's id (-1 when it has none) and JSON data; fails after 10 s or when the stream ends.</summary>
    public static async Task<(long Id, JsonElement Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        long id = -1;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (id, JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }

        throw new InvalidOperationException("stream ended");
    }
}
