using System.Text.Json;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>The automation and platform routes are in <c>/ocean/llms.txt</c> and <c>/ocean/openapi.json</c>, under the seed's sections.</summary>
public sealed class OceanAutomationDiscoveryTests : IAsyncLifetime
{
    private static readonly string[] Routes =
    [
        "GET /ocean/api/automation/schedules Automation", "POST /ocean/api/automation/schedules Automation",
        "DELETE /ocean/api/automation/schedules/{id} Automation", "POST /ocean/api/automation/schedules/{id}/toggle Automation",
        "GET /ocean/api/automation/webhooks Automation", "POST /ocean/api/automation/webhooks Automation",
        "DELETE /ocean/api/automation/webhooks/{id} Automation", "POST /ocean/api/automation/webhooks/test Automation",
        "POST /ocean/api/automation/export/wordpress Automation", "POST /ocean/api/automation/export/shopify Automation",
        "POST /ocean/api/platform/sub-keys Platform", "GET /ocean/api/platform/sub-keys Platform", "POST /ocean/api/platform/sub-keys/{key}/revoke Platform",
    ];

    private readonly OceanHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Llms_txt_and_openapi_list_every_automation_and_sub_key_route_with_its_section()
    {
        var llms = await _host.Client.GetStringAsync("/ocean/llms.txt", Ct);
        var paths = JsonDocument.Parse(await _host.Client.GetStringAsync("/ocean/openapi.json", Ct)).RootElement.GetProperty("paths");
        foreach (var route in Routes)
        {
            var (method, path, section) = (route.Split(' ')[0], route.Split(' ')[1], route.Split(' ')[2]);
            Assert.True(llms.Contains(path, StringComparison.Ordinal), $"{path} missing from llms.txt");
            Assert.True(paths.TryGetProperty(path, out var item), $"{route} missing from the OpenAPI document");
            var operation = item.GetProperty(method.ToLowerInvariant());
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), route);
            Assert.Equal(section, operation.GetProperty("tags")[0].GetString());
        }
    }
}
