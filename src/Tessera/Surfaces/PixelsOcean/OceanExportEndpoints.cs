using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Automation.Exports;
using Tessera.Common;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/automation/export/wordpress</c> and <c>/shopify</c> (seed: "Push media items directly to a WordPress site
/// via the REST API", "Push to Shopify"): the Automation module's real clients (<see cref="WordPressExport"/>,
/// <see cref="ShopifyExport"/>). Credentials are used for the call only, never stored or logged. Routes that do work:
/// the daily quota. Media ids of another account are a 404 and nothing is pushed.
/// </summary>
public static class OceanExportEndpoints
{
    public static RouteGroupBuilder MapOceanExports(this RouteGroupBuilder export)
    {
        const string Section = PixelsOceanSurface.Sections.Automation;
        const string Answer = """{"success":true,"target":"wordpress","pushed":1,"failed":0,"results":[{"media_id":1,"status":"pushed","remote_id":"123","url":"https://myblog.com/wp-content/uploads/2026/04/photo.jpg","error":null}]}""";
        export.MapPost("/wordpress", WordPressAsync).WithRequestBody<WordPressBody>("application/json")
            .Documented(Section, "Push to WordPress",
                "`wp_url` (the site, https), `wp_user`, `wp_password` (an application password: Users → Profile → Application Passwords), `media_ids` (1–20 of yours). Each file is uploaded with `POST {wp_url}/wp-json/wp/v2/media`; `results` report each item (`remote_id` is the attachment id, `url` its `source_url`). Credentials WordPress refuses are a 400. Counts against the daily quota.",
                """{"wp_url":"https://myblog.com","wp_user":"admin","wp_password":"xxxx xxxx xxxx xxxx xxxx xxxx","media_ids":[1,2,3]}""", Answer);
        export.MapPost("/shopify", ShopifyAsync).WithRequestBody<ShopifyBody>("application/json")
            .Documented(Section, "Push to Shopify",
                "`shop_url` (`https://mystore.myshopify.com` or `mystore.myshopify.com`), `access_token` (an Admin API token with `write_files`), `media_ids` (1–20 of yours). Each file goes to the store's Files: GraphQL `stagedUploadsCreate`, the upload, then `fileCreate`; `remote_id` is the file's id (Shopify finishes processing it afterwards). A token Shopify refuses is a 400. Counts against the daily quota.",
                """{"shop_url":"https://mystore.myshopify.com","access_token":"shpat_...","media_ids":[1,2]}""",
                Answer.Replace("wordpress", "shopify", StringComparison.Ordinal).Replace("\"123\"", "\"gid://shopify/MediaImage/1\"", StringComparison.Ordinal));
        return export;
    }

    public sealed record WordPressBody(
        [property: JsonPropertyName("wp_url")] string WpUrl, [property: JsonPropertyName("wp_user")] string WpUser,
        [property: JsonPropertyName("wp_password")] string WpPassword, [property: JsonPropertyName("media_ids")] IReadOnlyList<long> MediaIds);

    public sealed record ShopifyBody(
        [property: JsonPropertyName("shop_url")] string ShopUrl, [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("media_ids")] IReadOnlyList<long> MediaIds);

    public sealed record ExportItemView(
        [property: JsonPropertyName("media_id")] long MediaId, string Status, [property: JsonPropertyName("remote_id")] string? RemoteId, string? Url, string? Error);

    public sealed record ExportResponse(bool Success, string Target, int Pushed, int Failed, IReadOnlyList<ExportItemView> Results);

    private static async Task<IResult> WordPressAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, WordPressExport wordpress, CancellationToken ct)
    {
        var fields = Read(body, "wp_url", "wp_user", "wp_password");
        if (!fields.IsSuccess)
        {
            return new ErrorResult(fields.Error);
        }

        var (values, ids) = fields.Value;
        var pushed = await wordpress.ExportAsync(OceanAccount.Of(context), new WordPressTarget(values[0], values[1], values[2]), ids, ct);
        return Answer("wordpress", pushed);
    }

    private static async Task<IResult> ShopifyAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ShopifyExport shopify, CancellationToken ct)
    {
        var fields = Read(body, "shop_url", "access_token");
        if (!fields.IsSuccess)
        {
            return new ErrorResult(fields.Error);
        }

        var (values, ids) = fields.Value;
        var pushed = await shopify.ExportAsync(OceanAccount.Of(context), new ShopifyTarget(values[0], values[1]), ids, ct);
        return Answer("shopify", pushed);
    }

    /// <summary>The required string fields (in order) and <c>media_ids</c>.</summary>
    private static Result<(string[] Values, IReadOnlyList<long> Ids)> Read(JsonElement? body, params string[] names)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var values = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var field = OceanInput.String(json.Value, names[i]);
            if (!field.IsSuccess)
            {
                return field.Error;
            }

            if (string.IsNullOrWhiteSpace(field.Value.Value) || field.Value.Value.Length > 2048)
            {
                return Error.Validation($"'{names[i]}' is required (at most 2048 characters).");
            }

            values[i] = field.Value.Value;
        }

        var ids = OceanInput.Ids(json.Value, "media_ids");
        if (!ids.IsSuccess)
        {
            return ids.Error;
        }

        return ids.Value is { Count: > 0 } list ? (values, list) : Error.Validation("'media_ids' is required: an array of your media ids.");
    }

    private static IResult Answer(string target, Result<IReadOnlyList<ExportItemResult>> pushed)
    {
        if (!pushed.IsSuccess)
        {
            return new ErrorResult(pushed.Error);
        }

        var results = pushed.Value;
        if (results.All(result => result.Refused))
        {
            return new ErrorResult(new Error("export_refused", results[0].Error ?? "The remote refused the credentials.", 400));
        }

        var views = results.Select(r => new ExportItemView(r.MediaId, r.Pushed ? "pushed" : "failed", r.RemoteId, r.RemoteUrl, r.Error)).ToList();
        return TypedResults.Ok(new ExportResponse(true, target, views.Count(v => v.Status == "pushed"), views.Count(v => v.Status == "failed"), views));
    }
}
