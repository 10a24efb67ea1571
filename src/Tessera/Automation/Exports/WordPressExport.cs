using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Automation.Exports;

/// <summary>Where and as whom: the site's URL, the WordPress user and one of its application passwords (never stored or logged).</summary>
public sealed record WordPressTarget(string SiteUrl, string User, string ApplicationPassword);

/// <summary>
/// Pushes media to a WordPress site through its REST API: <c>POST {site}/wp-json/wp/v2/media</c> with the file as the
/// body, <c>Content-Type</c> its type, <c>Content-Disposition: attachment; filename="..."</c> (WordPress refuses an upload
/// without one) and HTTP Basic auth with an application password (WordPress 5.6+). A 201 answers the attachment's
/// <c>id</c> and <c>source_url</c>; a 401/403 means the credentials were refused. Through the SSRF-safe client.
/// </summary>
public sealed class WordPressExport(TargetUrls urls, ExportRunner runner, OutboundHttp outbound)
{
    private static readonly OutboundLimits Limits = new() { FollowRedirects = false, MaxResponseBytes = 1024 * 1024 };

    public async Task<Result<IReadOnlyList<ExportItemResult>>> ExportAsync(
        string accountId, WordPressTarget target, IReadOnlyList<long> mediaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var site = await urls.CheckAsync(target.SiteUrl, "wp_url", cancellationToken);
        if (!site.IsSuccess)
        {
            return site.Error;
        }

        if (string.IsNullOrWhiteSpace(target.User) || string.IsNullOrWhiteSpace(target.ApplicationPassword) || target.User.Contains(':', StringComparison.Ordinal))
        {
            return Error.Validation("'wp_user' and 'wp_password' (an application password: Users → Profile → Application Passwords) are required; a user name has no ':'.");
        }

        var endpoint = new Uri(site.Value.AbsoluteUri.TrimEnd('/') + "/wp-json/wp/v2/media");
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{target.User}:{target.ApplicationPassword}"));
        return await runner.RunAsync(accountId, "wordpress", mediaIds, async (item, content) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StreamContent(content) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(item.Asset.ContentType);
            request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{item.FileName}\"" };
            var sent = await outbound.SendAsync(request, Limits, cancellationToken);
            if (!sent.IsSuccess)
            {
                return RemoteOutcome.Failed($"wp_url: {sent.Error.Message}", refused: true); // unreachable: the next item would fail alike
            }

            var answer = sent.Value;
            if (answer.StatusCode is 401 or 403)
            {
                return RemoteOutcome.Failed($"WordPress refused the credentials ({answer.StatusCode}): {Message(answer.Body)}", refused: true);
            }

            if (!answer.IsSuccess)
            {
                return RemoteOutcome.Failed($"WordPress answered {answer.StatusCode}: {Message(answer.Body)}");
            }

            try
            {
                using var json = JsonDocument.Parse(answer.Body);
                var id = json.RootElement.GetProperty("id").GetRawText();
                var url = json.RootElement.TryGetProperty("source_url", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null;
                return new RemoteOutcome(id, url, null);
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return RemoteOutcome.Failed($"WordPress answered {answer.StatusCode} without an attachment id: {ExportRunner.Excerpt(answer.Body)}");
            }
        }, cancellationToken);
    }

    /// <summary>WordPress's error body is <c>{code, message, data}</c>; anything else is quoted briefly.</summary>
    private static string Message(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return json.RootElement.TryGetProperty("code", out var code) ? $"{message.GetString()} ({code})" : message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return ExportRunner.Excerpt(body);
    }
}
