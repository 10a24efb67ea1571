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

    [Fact]
    public async Task An_agents_skill_file_lists_its_agent_routes_and_fills_its_public_key_into_the_referral_example()
    {
        var created = await (await _factory.CreateClient().PostAsync("/omp/api/agent",
            new StringContent("""{"fingerprint":"skill-test-agent"}""", Encoding.UTF8, "application/json"), Ct)).ReadJsonAsync();
        var skill = await _factory.CreateClient().GetWithKeyAsync("/omp/api/skill", created.GetProperty("private_key").GetString()!);
        var text = await skill.Content.ReadAsStringAsync(Ct);
        var publicKey = created.GetProperty("public_key").GetString()!;
        Assert.Contains($"\"promo_code\":\"{publicKey}\"", text, StringComparison.Ordinal);
        Assert.Contains("### Your agent: stats, promo link, owned pixels", text, StringComparison.Ordinal);
        Assert.Contains("/omp/api/agent/convert", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_is_not_an_agent_or_lacks_the_canvas_scope_is_not_offered_routes_it_cannot_use()
    {
        var admin = _factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (_, full) = await admin.CreateKeyAsync(account);
        var (_, jobsOnly) = await admin.CreateKeyAsync(account, new { scopes = new[] { "jobs" } });

        var owner = await (await _factory.CreateClient().GetWithKeyAsync("/omp/api/skill", full)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("/omp/api/pixels/upload", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("### Your agent", owner, StringComparison.Ordinal);
        Assert.DoesNotContain("curl http://localhost/omp/api/agent -H", owner, StringComparison.Ordinal);
        Assert.Contains("AGENT_PUBLIC_KEY", owner, StringComparison.Ordinal);

        var reader = await (await _factory.CreateClient().GetWithKeyAsync("/omp/api/skill", jobsOnly)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("lacks the `canvas` scope", reader, StringComparison.Ordinal);
        foreach (var route in new[] { "-X POST http://localhost/omp/api/pixels ", "/omp/api/pixels/upload", "/omp/api/agent/convert" })
        {
            Assert.DoesNotContain(route, reader, StringComparison.Ordinal);
        }

        // What it lists works with it: the reads and the stats.
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetWithKeyAsync("/omp/api/agent/stats", jobsOnly)).StatusCode);
    }

    [Fact]
    public async Task The_skill_file_names_since_the_upload_default_size_and_409()
    {
        var skill = await _factory.CreateClient().GetStringAsync("/omp/api/skill", Ct);
        Assert.Contains("curl 'http://localhost/omp/api/pixels?since=SEQ'", skill, StringComparison.Ordinal);
        Assert.Contains("curl -N 'http://localhost/omp/api/pixels/stream?since=SEQ'", skill, StringComparison.Ordinal);
        Assert.Contains("10×10 when they are left out", skill, StringComparison.Ordinal);
        Assert.Contains("404, 409, 410", skill, StringComparison.Ordinal);
        Assert.Contains("`agent_exists`", skill, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"### Paint one pixel\s+```sh\s+curl -X POST (?<url>\S+) -H 'Authorization: Bearer (?<key>[^']+)' -H 'Content-Type: application/json' -d '(?<body>[^']+)'")]
    private static partial Regex PaintExample();
}
