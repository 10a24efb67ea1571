using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Automation.Exports;

/// <summary>The shop (<c>https://{shop}.myshopify.com</c>) and an Admin API access token with <c>write_files</c> (never stored or logged).</summary>
public sealed record ShopifyTarget(string ShopUrl, string AccessToken);

/// <summary>
/// Pushes media to a Shopify store's Files through the Admin GraphQL API (<c>POST {shop}/admin/api/{version}/graphql.json</c>,
/// <c>X-Shopify-Access-Token</c>), Shopify's three steps for a file: <c>stagedUploadsCreate</c> (where to upload), a
/// multipart POST of the target's parameters and then the file to that URL, and <c>fileCreate</c> from the target's
/// <c>resourceUrl</c>. The file's id (<c>gid://shopify/MediaImage/...</c>) is the result; Shopify processes it afterwards.
/// Every call goes through the SSRF-safe client, the staged upload URL (the shop's answer) included.
/// </summary>
public sealed class ShopifyExport(TargetUrls urls, ExportRunner runner, OutboundHttp outbound, IOptions<AutomationOptions> options)
{
    private const string StagedUploadsCreate = """
        mutation stagedUploadsCreate($input: [StagedUploadInput!]!) {
          stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } }
        }
        """;

    private const string FileCreate = """
        mutation fileCreate($files: [FileCreateInput!]!) {
          fileCreate(files: $files) { files { id fileStatus alt } userErrors { field message } }
        }
        """;

    private static readonly OutboundLimits Limits = new() { FollowRedirects = false, MaxResponseBytes = 1024 * 1024 };

    public async Task<Result<IReadOnlyList<ExportItemResult>>> ExportAsync(
        string accountId, ShopifyTarget target, IReadOnlyList<long> mediaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var shopUrl = target.ShopUrl?.Trim() ?? "";
        if (shopUrl.Length > 0 && !shopUrl.Contains("://", StringComparison.Ordinal))
        {
            shopUrl = "https://" + shopUrl; // "mystore.myshopify.com", as the Shopify admin shows it
        }

        var shop = await urls.CheckAsync(shopUrl, "shop_url", cancellationToken);
        if (!shop.IsSuccess)
        {
            return shop.Error;
        }

        if (string.IsNullOrWhiteSpace(target.AccessToken) || target.AccessToken.Length > 256 || target.AccessToken.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return Error.Validation("'access_token' is required: an Admin API access token of your app with the write_files scope.");
        }

        var endpoint = new Uri(shop.Value, $"/admin/api/{options.Value.ShopifyApiVersion}/graphql.json");
        return await runner.RunAsync(accountId, "shopify", mediaIds, async (item, content) =>
        {
            var resource = item.Asset.Kind == "image" ? "IMAGE" : item.Asset.Kind == "video" ? "VIDEO" : "FILE";
            var staged = await GraphQlAsync(endpoint, target.AccessToken, StagedUploadsCreate, new JsonObject
            {
                ["input"] = new JsonArray(new JsonObject
                {
                    ["filename"] = item.FileName,
                    ["mimeType"] = item.Asset.ContentType,
                    ["httpMethod"] = "POST",
                    ["resource"] = resource,
                    ["fileSize"] = item.Asset.Size.ToString(CultureInfo.InvariantCulture),
                }),
            }, "stagedUploadsCreate", cancellationToken);
            if (staged.Outcome is { } stagedFailure)
            {
                return stagedFailure;
            }

            var stagedTarget = staged.Data!["stagedTargets"]?.AsArray().FirstOrDefault();
            if (stagedTarget?["url"]?.GetValue<string>() is not { } uploadUrl || stagedTarget["resourceUrl"]?.GetValue<string>() is not { } resourceUrl)
            {
                return RemoteOutcome.Failed("Shopify answered stagedUploadsCreate without a target.");
            }

            var uploaded = await UploadAsync(uploadUrl, stagedTarget["parameters"]?.AsArray() ?? [], item, content, cancellationToken);
            if (uploaded is not null)
            {
                return uploaded;
            }

            var created = await GraphQlAsync(endpoint, target.AccessToken, FileCreate, new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject { ["originalSource"] = resourceUrl, ["contentType"] = resource, ["alt"] = item.Asset.Name }),
            }, "fileCreate", cancellationToken);
            if (created.Outcome is { } createFailure)
            {
                return createFailure;
            }

            var file = created.Data!["files"]?.AsArray().FirstOrDefault();
            return file?["id"]?.GetValue<string>() is { } id ? new RemoteOutcome(id, null, null) : RemoteOutcome.Failed("Shopify answered fileCreate without a file.");
        }, cancellationToken);
    }

    /// <summary>The staged upload: the target's parameters as form fields in their order, then the file (the storage checks the policy fields first).</summary>
    private async Task<RemoteOutcome?> UploadAsync(string uploadUrl, JsonArray parameters, ExportItem item, Stream content, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri))
        {
            return RemoteOutcome.Failed("Shopify's staged upload URL is not a URL.");
        }

        using var form = new MultipartFormDataContent();
        foreach (var parameter in parameters.OfType<JsonObject>())
        {
            if (parameter["name"]?.GetValue<string>() is { } name)
            {
                form.Add(new StringContent(parameter["value"]?.GetValue<string>() ?? ""), name);
            }
        }

        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(item.Asset.ContentType);
        form.Add(file, "file", item.FileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
        var sent = await outbound.SendAsync(request, Limits, cancellationToken);
        if (!sent.IsSuccess)
        {
            return RemoteOutcome.Failed($"The staged upload failed: {sent.Error.Message}");
        }

        return sent.Value.IsSuccess ? null : RemoteOutcome.Failed($"The staged upload answered {sent.Value.StatusCode}: {ExportRunner.Excerpt(sent.Value.Body)}");
    }

    /// <summary>One GraphQL call: the mutation's payload object, or why it failed (HTTP 401/403 refuse the token; <c>errors</c> and <c>userErrors</c> are reported).</summary>
    private async Task<(JsonNode? Data, RemoteOutcome? Outcome)> GraphQlAsync(
        Uri endpoint, string token, string query, JsonObject variables, string field, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Shopify-Access-Token", token);
        var sent = await outbound.SendAsync(request, Limits, cancellationToken);
        if (!sent.IsSuccess)
        {
            return (null, RemoteOutcome.Failed($"shop_url: {sent.Error.Message}", refused: true));
        }

        var answer = sent.Value;
        if (answer.StatusCode is 401 or 403)
        {
            return (null, RemoteOutcome.Failed($"Shopify refused the access token ({answer.StatusCode}): {ExportRunner.Excerpt(answer.Body)}", refused: true));
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
            json = null;
        }

        if (!answer.IsSuccess || json is not JsonObject root)
        {
            return (null, RemoteOutcome.Failed($"Shopify answered {answer.StatusCode}: {ExportRunner.Excerpt(answer.Body)}"));
        }

        if (root["errors"] is { } errors)
        {
            return (null, RemoteOutcome.Failed($"Shopify {field}: {ExportRunner.Excerpt(Encoding.UTF8.GetBytes(errors.ToJsonString()))}"));
        }

        var data = root["data"]?[field];
        if (data?["userErrors"] is JsonArray { Count: > 0 } userErrors)
        {
            return (null, RemoteOutcome.Failed($"Shopify {field}: " + string.Join("; ", userErrors.Select(e => e?["message"]?.GetValue<string>()))));
        }

        return data is null ? (null, RemoteOutcome.Failed($"Shopify answered {field} without data.")) : (data, null);
    }
}
