using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanStockListTests : IAsyncLifetime
{
    private readonly OceanHost _host = Start(factory => factory.With("Tessera:Outbound:AllowPrivateNetworks", "true"));
    private LocalReceiver _images = null!;

    public async ValueTask InitializeAsync() =>
        _images = await LocalReceiver.StartAsync(async (context, request) =>
        {
            if (request.PathAndQuery.StartsWith("/photo", StringComparison.Ordinal))
            {
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(Png(red: 123), context.RequestAborted);
                return;
            }

            context.Response.StatusCode = request.PathAndQuery == "/page" ? 200 : 404;
            await context.Response.WriteAsync("<html>not an image</html>", context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _images.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_stock_list_saves_its_items_into_the_library_reporting_each_and_stays_the_callers()
    {
        var key = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var list = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists", key, new { name = "Moodboard" }, 201)).GetProperty("list").GetProperty("id").GetInt64();
        var added = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/items", key, new
        {
            items = new object[]
            {
                new { url = new Uri(_images.Url, "photo.png").ToString(), title = "Red square", source = "local" },
                new { url = new Uri(_images.Url, "page").ToString() },
                new { url = new Uri(_images.Url, "missing.png").ToString() },
            },
        });
        var items = added.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(3, items.Length);

        var saved = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/save", key, new { });
        Assert.Equal(1, saved.GetProperty("saved").GetInt32());
        Assert.Equal(2, saved.GetProperty("failed").GetInt32());
        var results = saved.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("item_id").GetInt64());
        var mediaId = results[items[0]].GetProperty("media_id").GetInt64();
        Assert.Contains("type", results[items[1]].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("404", results[items[2]].GetProperty("error").GetString(), StringComparison.Ordinal);

        var media = (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{mediaId}", key)).GetProperty("media");
        Assert.Equal("Red square", media.GetProperty("name").GetString());
        Assert.Equal("Moodboard", media.GetProperty("group").GetString());
        Assert.Equal(Png(red: 123), await _host.Client.GetByteArrayAsync(PathOf(media.GetProperty("url").GetString()!), Ct));

        // Saving again fetches nothing new: the saved item points at its asset.
        var fetches = _images.Requests.Count;
        var again = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/save", key, new { ids = new[] { items[0] } });
        Assert.Equal(mediaId, again.GetProperty("results")[0].GetProperty("media_id").GetInt64());
        Assert.Equal(fetches, _images.Requests.Count);

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{MediaApi}/stock/lists/{list}", null),
            (HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/items", new { url = "https://example.com/a.png" }),
            (HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/save", new { }),
            (HttpMethod.Delete, $"{MediaApi}/stock/items/{items[1]}", null),
            (HttpMethod.Delete, $"{MediaApi}/stock/lists/{list}", null),
        })
        {
            await _host.JsonAsync(method, path, stranger, body, expected: 404);
        }

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/stock/items/{items[1]}", key);
        Assert.Equal(2, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/stock/lists", key)).GetProperty("lists")[0].GetProperty("count").GetInt64());
        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/stock/lists/{list}", key);
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/stock/lists/{list}", key, expected: 404);
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{mediaId}", key); // the saved asset stays
    }

    [Fact]
    public async Task Bad_stock_items_are_400s_and_a_save_names_items_not_on_the_list()
    {
        var key = await _host.UserAsync();
        var list = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists", key, new { name = "L" }, 201)).GetProperty("list").GetProperty("id").GetInt64();
        foreach (var body in new object[]
        {
            new { items = Array.Empty<object>() },
            new { items = new[] { new { url = "ftp://example.com/a.png" } } },
            new { items = new[] { new { url = "javascript:alert(1)" } } },
            new { items = "nope" },
            new { url = "https://example.com/a.png", title = new string('t', 300) },
        })
        {
            var error = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/items", key, body, 400);
            Assert.False(error.GetProperty("success").GetBoolean());
        }

        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists/{list}/save", key, new { ids = new[] { 987654 } }, 404);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/stock/lists", key, new { name = "" }, 400);
    }
}
