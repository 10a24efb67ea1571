using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tessera.Tests.Imaging;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /ocean/api/replaceflow</c> and <c>/demo</c> against a local news site (Kestrel on 127.0.0.1) whose article
/// shows a watermarked copy of a photo, the clean original in the caller's library, and a local fake of SerpApi.
/// </summary>
public sealed class OceanReplaceFlowTests : IAsyncLifetime
{
    private const string Api = "/ocean/api/replaceflow";
    private const string Demo = "/ocean/api/replaceflow/demo";
    private const string Headline = "Harbour Bridge Reopens After Storm Repairs";
    private const string SerpKey = "serp-test-key";

    private static readonly byte[] Clean = NewsPhotos.Jpeg(1280, 720, seed: 5);
    private static readonly Lazy<byte[]> Marked = new(() => NewsPhotos.Watermarked(Clean, 800, 450));
    private static readonly byte[] Unrelated = NewsPhotos.Jpeg(640, 480, seed: 77);

    private LocalReceiver _site = null!;
    private LocalReceiver _serp = null!;
    private OceanHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await LocalReceiver.StartAsync(ServeSiteAsync);
        _serp = await LocalReceiver.StartAsync(ServeSerpApiAsync);
        _host = Start(factory => factory
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .With("Tessera:Scraping:PerHostDelay", "00:00:00")
            .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00")
            .With("Tessera:ReplaceFlow:MaxPageBytes", "65536")
            .With("Tessera:ReplaceFlow:SerpApi:ApiKey", SerpKey)
            .With("Tessera:ReplaceFlow:SerpApi:Endpoint", new Uri(_serp.Url, "search.json").AbsoluteUri));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _serp.DisposeAsync();
        await _site.DisposeAsync();
    }

    private Uri Site(string path) => new(_site.Url, path);

    private async Task ServeSiteAsync(HttpContext context, ReceivedRequest request)
    {
        var path = request.PathAndQuery;
        switch (path)
        {
            case "/robots.txt":
                context.Response.StatusCode = 404;
                return;
            case "/loop":
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/loop";
                return;
        }

        (string Type, byte[] Body)? answer = path switch
        {
            "/news/bridge" => ("text/html; charset=utf-8", Html(
                $"<meta property='og:title' content='{Headline}'><meta property='og:image' content='/uploads/bridge-marked.jpg'>",
                "<h1>Bridge</h1><img src='/logo.png'>")),
            "/news/no-og" => ("text/html", Html("<title>Two pictures</title>", "<img src='/small.jpg'><img src='/uploads/bridge-marked.jpg'>")),
            "/news/no-image" => ("text/html", Html("<title>Words only</title>", "<p>Nothing to see.</p>")),
            "/news/huge" => ("text/html", Html("<title>Long</title>", "<p>" + new string('x', 100_000) + "</p>")),
            "/photo.png" => ("image/png", OceanHost.Png()),
            "/uploads/bridge-marked.jpg" => ("image/jpeg", Marked.Value),
            "/small.jpg" => ("image/jpeg", NewsPhotos.Jpeg(160, 90, seed: 3)),
            "/logo.png" => ("image/png", OceanHost.Png(40, 20)),
            "/originals/bridge.jpg" => ("image/jpeg", Clean),
            _ => null,
        };
        if (answer is not { } found)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = found.Type;
        await context.Response.Body.WriteAsync(found.Body, context.RequestAborted);
    }

    /// <summary>SerpApi as it checks a search: the key, the engine and the image URL; its error and result shapes.</summary>
    private async Task ServeSerpApiAsync(HttpContext context, ReceivedRequest request)
    {
        var query = QueryHelpers.ParseQuery(new Uri(_serp.Url, request.PathAndQuery).Query);
        context.Response.ContentType = "application/json";
        if (query["api_key"] != SerpKey)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":"Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key"}""");
            return;
        }

        if (query["engine"] != "google_reverse_image" || string.IsNullOrEmpty(query["image_url"]))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"Missing query `image_url` parameter."}""");
            return;
        }

        var body = new
        {
            search_metadata = new { id = "6750a1", status = "Success" },
            search_parameters = new { engine = "google_reverse_image", image_url = query["image_url"].ToString() },
            image_results = new[] { new { position = 1, title = "Harbour bridge - Wire photo", link = Site("/news/wire").AbsoluteUri, displayed_link = "127.0.0.1 › news" } },
            inline_images = new[]
            {
                new { link = "https://www.google.com/search?tbm=isch&q=bridge", source = Site("/news/wire").AbsoluteUri, thumbnail = Site("/small.jpg").AbsoluteUri, original = Site("/originals/bridge.jpg").AbsoluteUri, title = "Wire photo" },
                new { link = "https://www.google.com/search?tbm=isch&q=bridge", source = Site("/news/bridge").AbsoluteUri, thumbnail = Site("/small.jpg").AbsoluteUri, original = Site("/uploads/bridge-marked.jpg").AbsoluteUri, title = "Marked" },
            },
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static byte[] Html(string head, string body) => Encoding.UTF8.GetBytes($"<!doctype html><html><head>{head}</head><body>{body}</body></html>");

    private static List<JsonElement> Results(JsonElement answer) => [.. answer.GetProperty("results").EnumerateArray()];

    [Fact]
    public async Task The_clean_original_in_the_callers_library_is_found_as_the_same_photo_and_the_article_image_is_watermarked()
    {
        var key = await _host.UserAsync();
        var clean = await _host.AnalysedAsync(key, Clean, "harbour-bridge-original.jpg");
        await _host.AnalysedAsync(key, Unrelated, "market.jpg");

        var answer = await _host.JsonAsync(HttpMethod.Post, Api, key, new { article_url = Site("/news/bridge").AbsoluteUri, max_results = 4 });
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(Headline, answer.GetProperty("headline").GetString());
        Assert.Equal("127.0.0.1", answer.GetProperty("source_domain").GetString());
        Assert.Equal(Site("/uploads/bridge-marked.jpg").AbsoluteUri, answer.GetProperty("watermarked_url").GetString());
        Assert.True(answer.GetProperty("phash_enabled").GetBoolean());
        var results = Results(answer);
        Assert.Equal(results.Count, answer.GetProperty("count").GetInt32());

        var lead = results[0];
        Assert.Equal("source_lead", lead.GetProperty("type").GetString());
        Assert.True(lead.GetProperty("is_watermarked").GetBoolean(), lead.ToString());
        Assert.Equal(Headline, lead.GetProperty("headline").GetString());
        Assert.Equal(16, lead.GetProperty("phash").GetString()!.Length);

        var found = results.Single(r => r.TryGetProperty("media_id", out var id) && id.GetInt64() == clean.GetProperty("id").GetInt64());
        Assert.Equal("clean_discovery", found.GetProperty("type").GetString());
        Assert.Equal("media_library", found.GetProperty("source").GetString());
        Assert.True(found.GetProperty("phash_match").GetBoolean(), found.ToString());
        Assert.InRange(found.GetProperty("phash_distance").GetInt32(), 0, 10);
        Assert.False(found.GetProperty("is_watermarked").GetBoolean(), found.ToString());
        Assert.Equal(1280, found.GetProperty("width").GetInt32());
        Assert.Equal(720, found.GetProperty("height").GetInt32());
        Assert.InRange(found.GetProperty("quality_score").GetInt32(), 1, 100);
        Assert.Equal(clean.GetProperty("phash").GetString(), found.GetProperty("phash").GetString());
        Assert.Equal(Clean, await _host.Client.GetByteArrayAsync(PathOf(found.GetProperty("url").GetString()!), Ct));

        // The web (the fake SerpApi) found the same original; it ranks with the library's, the marked copy is not offered as clean.
        var web = results.Single(r => r.TryGetProperty("source", out var s) && s.GetString() == "google_reverse_image");
        Assert.Equal(Site("/originals/bridge.jpg").AbsoluteUri, web.GetProperty("url").GetString());
        Assert.Equal("127.0.0.1", web.GetProperty("domain").GetString());
        Assert.True(web.GetProperty("phash_match").GetBoolean());
        Assert.False(web.GetProperty("is_watermarked").GetBoolean());
        Assert.DoesNotContain(results.Skip(1), r => r.GetProperty("url").GetString() == Site("/uploads/bridge-marked.jpg").AbsoluteUri);

        // The unrelated upload is not a pHash match (it may not be offered at all: it shares no headline word).
        Assert.DoesNotContain(results, r => r.TryGetProperty("phash_match", out var m) && m.GetBoolean() && r.GetProperty("width").GetInt32() == 640);

        var call = Assert.Single(_serp.Requests);
        Assert.Contains("engine=google_reverse_image", call.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("image_url=" + Uri.EscapeDataString(Site("/uploads/bridge-marked.jpg").AbsoluteUri), call.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_library_is_never_searched_and_the_demo_searches_no_library()
    {
        var owner = await _host.UserAsync();
        await _host.AnalysedAsync(owner, Clean, "harbour-bridge-original.jpg");

        var stranger = await _host.UserAsync();
        var theirs = await _host.JsonAsync(HttpMethod.Post, Api, stranger, new { article_url = Site("/news/bridge").AbsoluteUri });
        Assert.DoesNotContain(Results(theirs), r => r.TryGetProperty("source", out var s) && s.GetString() == "media_library");

        var demo = await _host.JsonAsync(HttpMethod.Post, Demo, key: null, new { article_url = Site("/news/bridge").AbsoluteUri });
        var results = Results(demo);
        Assert.True(results[0].GetProperty("is_watermarked").GetBoolean());
        Assert.DoesNotContain(results, r => r.TryGetProperty("source", out var s) && s.GetString() == "media_library");
        var web = Assert.Single(results, r => r.TryGetProperty("source", out var s) && s.GetString() == "google_reverse_image");
        Assert.True(web.GetProperty("phash_match").GetBoolean());
        Assert.False(web.GetProperty("is_watermarked").GetBoolean());
    }

    [Fact]
    public async Task Without_og_image_the_largest_picture_is_the_featured_one_and_phash_false_leaves_out_the_hashes()
    {
        var key = await _host.UserAsync();
        var answer = await _host.JsonAsync(HttpMethod.Post, Api, key, new { article_url = Site("/news/no-og").AbsoluteUri, phash = false, max_results = 1 });
        Assert.Equal("Two pictures", answer.GetProperty("headline").GetString());
        Assert.Equal(Site("/uploads/bridge-marked.jpg").AbsoluteUri, answer.GetProperty("watermarked_url").GetString());
        Assert.False(answer.GetProperty("phash_enabled").GetBoolean());
        var results = Results(answer);
        Assert.InRange(results.Count, 1, 2);
        Assert.All(results, r => Assert.False(r.TryGetProperty("phash", out _)));
        Assert.All(results, r => Assert.False(r.TryGetProperty("phash_match", out _)));
    }

    [Theory]
    [InlineData("""{}""", "URL required")]
    [InlineData("""{"article_url":"ftp://example.com/a"}""", "URL required")]
    [InlineData("""{"article_url":42}""", "'article_url'")]
    [InlineData("""{"article_url":"https://example.com/","max_results":11}""", "'max_results'")]
    [InlineData("""{"article_url":"https://example.com/","max_results":0}""", "'max_results'")]
    [InlineData("""{"article_url":"https://example.com/","phash":"yes"}""", "'phash'")]
    [InlineData("""[1,2]""", "JSON object")]
    public async Task Bad_requests_are_400s_in_the_ocean_shape(string body, string message)
    {
        var key = await _host.UserAsync();
        var error = await _host.JsonAsync(HttpMethod.Post, Api, key, body, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/photo.png", "not_html")]
    [InlineData("/news/no-image", "no_image")]
    [InlineData("/news/huge", "too_large")]
    [InlineData("/loop", "too_many_redirects")]
    [InlineData("/gone", "fetch_failed")]
    public async Task An_article_that_cannot_be_used_is_a_400_that_says_why(string path, string code)
    {
        var key = await _host.UserAsync();
        var error = await _host.JsonAsync(HttpMethod.Post, Api, key, new { article_url = Site(path).AbsoluteUri }, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task An_unreachable_site_is_a_400_and_a_private_address_is_refused_unless_allowed()
    {
        var key = await _host.UserAsync();
        var closed = await _host.JsonAsync(HttpMethod.Post, Api, key, new { article_url = "http://127.0.0.1:1/news" }, expected: 400);
        Assert.Equal("unreachable", closed.GetProperty("code").GetString());

        await using var strict = Start();
        var strictKey = await strict.UserAsync();
        var refused = await strict.JsonAsync(HttpMethod.Post, Api, strictKey, new { article_url = Site("/news/bridge").AbsoluteUri }, expected: 400);
        Assert.Equal("blocked_address", refused.GetProperty("code").GetString());
        Assert.Contains("AllowPrivateNetworks", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_site.Requests, r => r.PathAndQuery == "/news/bridge");
    }

    [Fact]
    public async Task The_keyed_route_needs_a_key_and_the_demo_allows_five_calls_an_hour_per_ip()
    {
        using var anonymous = await _host.SendAsync(HttpMethod.Post, Api, key: null, new { article_url = Site("/news/bridge").AbsoluteUri });
        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.False((await anonymous.ReadJsonAsync()).GetProperty("success").GetBoolean());

        for (var i = 0; i < 5; i++)
        {
            using var allowed = await _host.SendAsync(HttpMethod.Post, Demo, key: null, """{}""");
            Assert.Equal(400, (int)allowed.StatusCode);
        }

        using var limited = await _host.SendAsync(HttpMethod.Post, Demo, key: null, new { article_url = Site("/news/bridge").AbsoluteUri });
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        var error = await limited.ReadJsonAsync();
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_wrong_serpapi_key_leaves_the_library_results_and_says_nothing_of_the_key()
    {
        await using var wrong = Start(factory => factory
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .With("Tessera:Scraping:PerHostDelay", "00:00:00")
            .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00")
            .With("Tessera:ReplaceFlow:SerpApi:ApiKey", "not-the-key")
            .With("Tessera:ReplaceFlow:SerpApi:Endpoint", new Uri(_serp.Url, "search.json").AbsoluteUri));
        var key = await wrong.UserAsync();
        var answer = await wrong.JsonAsync(HttpMethod.Post, Api, key, new { article_url = Site("/news/bridge").AbsoluteUri });
        Assert.DoesNotContain(Results(answer), r => r.TryGetProperty("source", out var s) && s.GetString() == "google_reverse_image");
        Assert.DoesNotContain("not-the-key", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains(_serp.Requests, r => r.PathAndQuery.Contains("api_key=not-the-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_routes_are_in_openapi_and_llms_txt_under_the_replaceflow_section()
    {
        var llms = await _host.Client.GetStringAsync("/ocean/llms.txt", Ct);
        var paths = JsonDocument.Parse(await _host.Client.GetStringAsync("/ocean/openapi.json", Ct)).RootElement.GetProperty("paths");
        foreach (var path in new[] { Api, Demo })
        {
            Assert.Contains(path, llms, StringComparison.Ordinal);
            var operation = paths.GetProperty(path).GetProperty("post");
            Assert.Equal("ReplaceFlow", operation.GetProperty("tags")[0].GetString());
            Assert.True(operation.TryGetProperty("requestBody", out _), path);
            Assert.Contains("article_url", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_keyed_route_counts_against_the_daily_quota()
    {
        await using var small = Start(factory => factory
            .With("Tessera:RateLimits:Policies:ocean:0:Name", "day")
            .With("Tessera:RateLimits:Policies:ocean:0:Kind", "FixedWindow")
            .With("Tessera:RateLimits:Policies:ocean:0:Limit", "2")
            .With("Tessera:RateLimits:Policies:ocean:0:Window", "1.00:00:00")
            .With("Tessera:RateLimits:Policies:ocean:0:Partition", "Key"));
        var key = await small.UserAsync();
        for (var i = 0; i < 2; i++)
        {
            using var counted = await small.SendAsync(HttpMethod.Post, Api, key, """{}""");
            Assert.Equal(400, (int)counted.StatusCode);
        }

        using var limited = await small.SendAsync(HttpMethod.Post, Api, key, """{"article_url":"https://example.com/"}""");
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.False((await limited.ReadJsonAsync()).GetProperty("success").GetBoolean());
    }
}
