using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed partial class SkillTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_agent_that_reads_only_its_skill_file_can_paint_its_pixels()
    {
        var (_, owner) = await OmpTestHost.OwnerAsync(_factory, 40, 60, 5, 5);
        var skill = await owner.GetStringAsync("/omp/api/skill", Ct);
        Assert.Contains("x 40–44, y 60–64", skill, StringComparison.Ordinal);
        var key = owner.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Contains(key, skill, StringComparison.Ordinal);

        // Run the file's own "Paint one pixel" example, as an agent would.
        var example = PaintExample().Match(skill);
        Assert.True(example.Success, skill);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(example.Groups["url"].Value).PathAndQuery)
        {
            Content = new StringContent(example.Groups["body"].Value, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", example.Groups["key"].Value);
        var response = await _factory.CreateClient().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var pixels = await (await _factory.CreateClient().GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync();
        var pixel = Assert.Single(pixels.GetProperty("pixels").EnumerateArray());
        Assert.Equal((40, 60), (pixel.GetProperty("x").GetInt32(), pixel.GetProperty("y").GetInt32()));
    }

    [Fact]
    public async Task Without_a_key_the_skill_file_is_generic()
    {
        var response = await _factory.CreateClient().GetAsync("/omp/api/skill", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        var skill = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("YOUR_KEY", skill, StringComparison.Ordinal);
        Assert.Contains("/omp/api/pixels/upload", skill, StringComparison.Ordinal);
        Assert.Contains("/omp/api/agent/convert", skill, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"### Paint one pixel\s+```sh\s+curl -X POST (?<url>\S+) -H 'Authorization: Bearer (?<key>[^']+)' -H 'Content-Type: application/json' -d '(?<body>[^']+)'")]
    private static partial Regex PaintExample();
}
