using System.Text.Json;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanDiscoveryTests : IAsyncLifetime
{
    private static readonly string[] MediaRoutes =
    [
        "GET /ocean/api/media/list", "GET /ocean/api/media/search", "GET /ocean/api/media/trash", "POST /ocean/api/media/upload",
        "PATCH /ocean/api/media/{id}", "DELETE /ocean/api/media/{id}", "PATCH /ocean/api/media/{id}/tags", "POST /ocean/api/media/{id}/restore",
        "DELETE /ocean/api/media/{id}/purge", "POST /ocean/api/media/bulk", "POST /ocean/api/media/mirror", "POST /ocean/api/media/{id}/optimize", "GET /ocean/api/media/folders", "POST /ocean/api/media/folders",
        "PATCH /ocean/api/media/folders/{id}", "DELETE /ocean/api/media/folders/{id}", "GET /ocean/api/media/collections",
        "POST /ocean/api/media/collections", "GET /ocean/api/media/collections/{id}", "POST /ocean/api/media/collections/{id}/items",
        "POST /ocean/api/media/collections/{id}/share", "DELETE /ocean/api/media/collections/{id}", "GET /ocean/api/gallery/{token}", "GET /ocean/api/media/stock/lists", "POST /ocean/api/media/stock/lists",
        "GET /ocean/api/media/stock/lists/{id}", "DELETE /ocean/api/media/stock/lists/{id}", "POST /ocean/api/media/stock/lists/{id}/items",
        "POST /ocean/api/media/stock/lists/{id}/save", "DELETE /ocean/api/media/stock/items/{id}",
        "GET /ocean/api/live-editor/status", "POST /ocean/api/live-editor/render", "POST /ocean/api/live-editor/preview",
        "GET /ocean/api/live-editor/templates", "POST /ocean/api/live-editor/templates", "GET /ocean/api/live-editor/templates/{id}",
        "DELETE /ocean/api/live-editor/templates/{id}", "POST /ocean/api/live-editor/batch", "GET /ocean/api/jobs/{id}",
    ];

    private readonly OceanHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Llms_txt_and_openapi_list_every_media_route_with_its_seed_section()
    {
        var llms = await _host.Client.GetStringAsync("/ocean/llms.txt", Ct);
        var openApi = JsonDocument.Parse(await _host.Client.GetStringAsync("/ocean/openapi.json", Ct)).RootElement;
        var paths = openApi.GetProperty("paths");
        Assert.Contains("Pixels Ocean", openApi.GetProperty("info").GetProperty("title").GetString());

        foreach (var route in MediaRoutes)
        {
            var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
            Assert.True(llms.Contains(path, StringComparison.Ordinal), string.Join("\n", llms.Split('\n').Where(l => l.StartsWith("###", StringComparison.Ordinal))));
            Assert.True(paths.TryGetProperty(path, out var item), $"{route} missing from the OpenAPI document");
            var operation = item.GetProperty(method.ToLowerInvariant());
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), route);
            Assert.Contains(operation.GetProperty("tags")[0].GetString(), new[] { "Media Library", "Collections & Sharing", "Live Editor", "Jobs" });
        }

        Assert.True(paths.GetProperty("/ocean/api/media/upload").GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.True(paths.GetProperty("/ocean/api/live-editor/render").GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.Equal("Live Editor", paths.GetProperty("/ocean/api/live-editor/status").GetProperty("get").GetProperty("tags")[0].GetString());
        Assert.Contains("## Flow: Live Editor", llms);
    }
}
