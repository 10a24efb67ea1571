using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tessera.Tests.Automation;

/// <summary>A real Kestrel on 127.0.0.1 answering one handler; the base of the WordPress and Shopify fakes.</summary>
public abstract class FakeRemote : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            Calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await HandleAsync(context);
        });
        await _app.StartAsync();
        Url = new Uri(_app.Urls.First() + "/");
    }

    protected abstract Task HandleAsync(HttpContext context);

    protected static Task JsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    protected static async Task<byte[]> BodyAsync(HttpContext context)
    {
        using var memory = new MemoryStream();
        await context.Request.Body.CopyToAsync(memory);
        return memory.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// WordPress's <c>POST /wp-json/wp/v2/media</c> as WordPress 6 checks it: Basic auth with an application password (spaces
/// ignored, as WordPress strips them), a <c>Content-Disposition</c> with a filename, a body, an allowed file type; answers
/// 201 with the attachment (<c>id</c>, <c>source_url</c>, <c>mime_type</c>) or WordPress's <c>{code, message, data}</c> errors.
/// </summary>
public sealed class FakeWordPress : FakeRemote
{
    private static readonly string[] AllowedTypes = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "video/mp4"];
    private int _next = 100;

    private FakeWordPress(string user, string password) => (User, Password) = (user, password);

    public string User { get; }

    public string Password { get; }

    public ConcurrentQueue<(int Id, string FileName, string ContentType, byte[] Bytes)> Uploads { get; } = new();

    public static async Task<FakeWordPress> StartAsync(string user, string password)
    {
        var fake = new FakeWordPress(user, password);
        await fake.StartAsync();
        return fake;
    }

    protected override async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/wp-json/wp/v2/media")
        {
            await JsonAsync(context, 404, new { code = "rest_no_route", message = "No route was found matching the URL and request method.", data = new { status = 404 } });
            return;
        }

        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Basic ", StringComparison.Ordinal))
        {
            await JsonAsync(context, 401, new { code = "rest_cannot_create", message = "Sorry, you are not allowed to create posts as this user.", data = new { status = 401 } });
            return;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth["Basic ".Length..])).Split(':', 2);
        if (pair.Length != 2 || pair[0] != User || pair[1].Replace(" ", "", StringComparison.Ordinal) != Password.Replace(" ", "", StringComparison.Ordinal))
        {
            await JsonAsync(context, 401, new { code = "incorrect_password", message = "The provided password is an invalid application password.", data = new { status = 401 } });
            return;
        }

        var disposition = context.Request.Headers.ContentDisposition.ToString();
        var fileName = System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(disposition, out var parsed) ? parsed.FileName?.Trim('"') : null;
        if (string.IsNullOrEmpty(fileName))
        {
            await JsonAsync(context, 400, new { code = "rest_upload_no_content_disposition", message = "No Content-Disposition supplied.", data = new { status = 400 } });
            return;
        }

        var bytes = await BodyAsync(context);
        if (bytes.Length == 0)
        {
            await JsonAsync(context, 400, new { code = "rest_upload_no_data", message = "No data supplied.", data = new { status = 400 } });
            return;
        }

        var contentType = context.Request.ContentType ?? "";
        if (!AllowedTypes.Contains(contentType))
        {
            await JsonAsync(context, 500, new { code = "rest_upload_sideload_error", message = "Sorry, you are not allowed to upload this file type.", data = new { status = 500 } });
            return;
        }

        var id = Interlocked.Increment(ref _next);
        Uploads.Enqueue((id, fileName, contentType, bytes));
        await JsonAsync(context, 201, new
        {
            id,
            source_url = new Uri(Url, $"/wp-content/uploads/2026/04/{fileName}").AbsoluteUri,
            media_type = contentType.StartsWith("image/", StringComparison.Ordinal) ? "image" : "file",
            mime_type = contentType,
            title = new { rendered = Path.GetFileNameWithoutExtension(fileName) },
        });
    }
}

/// <summary>
/// Shopify's Admin GraphQL API for files as Shopify checks it: <c>X-Shopify-Access-Token</c> (401 otherwise), a JSON body
/// with <c>query</c> and <c>variables</c>; <c>stagedUploadsCreate</c> needs each input's filename, mimeType, resource and
/// httpMethod POST and answers a target on this server (<c>/upload</c>, with a <c>key</c> and a <c>policy</c>); the upload is a
/// multipart POST whose fields come before the file, as Google Cloud Storage requires; <c>fileCreate</c> accepts only a
/// <c>resourceUrl</c> whose upload arrived (else a userError, as Shopify reports a source it cannot read).
/// </summary>
public sealed class FakeShopify : FakeRemote
{
    public const string Version = "2025-10";
    private readonly ConcurrentDictionary<string, byte[]> _uploaded = new(StringComparer.Ordinal);
    private int _next;

    private FakeShopify(string token) => Token = token;

    public string Token { get; }

    public ConcurrentQueue<(string Id, string Source, string? Alt, byte[] Bytes)> Files { get; } = new();

    public static async Task<FakeShopify> StartAsync(string token)
    {
        var fake = new FakeShopify(token);
        await fake.StartAsync();
        return fake;
    }

    protected override async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method == "POST" && context.Request.Path == "/upload")
        {
            await UploadAsync(context);
            return;
        }

        if (context.Request.Method != "POST" || context.Request.Path != $"/admin/api/{Version}/graphql.json")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Headers["X-Shopify-Access-Token"].ToString() != Token)
        {
            await JsonAsync(context, 401, new { errors = "[API] Invalid API key or access token (unrecognized login or wrong password)" });
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await JsonAsync(context, 400, new { errors = "Content-Type must be application/json" });
            return;
        }

        var body = JsonNode.Parse(await BodyAsync(context))!;
        var query = body["query"]?.GetValue<string>() ?? "";
        var variables = body["variables"];
        if (query.Contains("stagedUploadsCreate", StringComparison.Ordinal))
        {
            var input = variables?["input"] as JsonArray;
            if (input is null || input.Any(item => item?["filename"] is null || item["mimeType"] is null || item["resource"] is null || item["httpMethod"]?.GetValue<string>() != "POST"))
            {
                await JsonAsync(context, 200, new { errors = new[] { new { message = "Variable $input of type [StagedUploadInput!]! was provided invalid value" } } });
                return;
            }

            var targets = input.Select(item =>
            {
                var key = $"tmp/{Guid.NewGuid():N}/{item!["filename"]!.GetValue<string>()}";
                return new
                {
                    url = new Uri(Url, "/upload").AbsoluteUri,
                    resourceUrl = new Uri(Url, "/" + key).AbsoluteUri,
                    parameters = new[] { new { name = "key", value = key }, new { name = "policy", value = "eyJjb25kaXRpb25zIjpbXX0=" } },
                };
            }).ToArray();
            await JsonAsync(context, 200, new { data = new { stagedUploadsCreate = new { stagedTargets = targets, userErrors = Array.Empty<object>() } } });
            return;
        }

        if (query.Contains("fileCreate", StringComparison.Ordinal))
        {
            var files = variables?["files"] as JsonArray ?? [];
            var made = new List<object>();
            foreach (var file in files)
            {
                var source = file?["originalSource"]?.GetValue<string>() ?? "";
                var key = source.StartsWith(Url.AbsoluteUri, StringComparison.Ordinal) ? source[Url.AbsoluteUri.Length..] : "";
                if (!_uploaded.TryGetValue(key, out var bytes))
                {
                    await JsonAsync(context, 200, new { data = new { fileCreate = new { files = Array.Empty<object>(), userErrors = new[] { new { field = new[] { "files", "0", "originalSource" }, message = "Image URL is invalid" } } } } });
                    return;
                }

                var id = $"gid://shopify/MediaImage/{Interlocked.Increment(ref _next)}";
                Files.Enqueue((id, source, file!["alt"]?.GetValue<string>(), bytes));
                made.Add(new { id, fileStatus = "UPLOADED", alt = file["alt"]?.GetValue<string>() });
            }

            await JsonAsync(context, 200, new { data = new { fileCreate = new { files = made, userErrors = Array.Empty<object>() } } });
            return;
        }

        await JsonAsync(context, 200, new { errors = new[] { new { message = "Field is not defined on Mutation" } } });
    }

    private async Task UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (form["key"].ToString() is not { Length: > 0 } key || string.IsNullOrEmpty(form["policy"]) || file is null || file.Length == 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("<Error><Code>InvalidArgument</Code><Message>Missing key, policy or file.</Message></Error>");
            return;
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory);
        _uploaded[key] = memory.ToArray();
        context.Response.StatusCode = 204;
    }
}
