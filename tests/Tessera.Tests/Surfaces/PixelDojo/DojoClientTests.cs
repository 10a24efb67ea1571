using Tessera.Cli;
using Tessera.Client;
using Tessera.Client.PixelDojo;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelDojo.DojoHost;

namespace Tessera.Tests.Surfaces.PixelDojo;

/// <summary>The SDK's <see cref="PixelDojoClient"/> and <c>tessera generate</c> against a real server.</summary>
public sealed class DojoClientTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = Configure(new TesseraFactory());
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tessera-tests", "generate-" + Guid.NewGuid().ToString("N"));
    private string _key = "";

    public async ValueTask InitializeAsync() => (_, _key) = await _factory.CreateUserAsync(credits: 3);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private PixelDojoClient Client(string? key = null) => new(_factory.CreateClient(), new Uri("http://localhost"), key ?? _key);

    [Fact]
    public async Task Sdk_lists_models_reads_a_schema_generates_and_downloads_a_png()
    {
        using var client = Client();
        var models = await client.ListModelsAsync(Ct);
        Assert.Contains(models, m => m.ApiId == "flux-1.1-pro" && m.Pricing.Unit == "image");
        var model = await client.GetModelAsync("flux-1.1-pro", Ct);
        Assert.Equal("object", model.Schema!.Value.GetProperty("type").GetString());
        Assert.Equal("object", (await client.GetModelSchemaAsync("flux-1.1-pro", Ct)).GetProperty("type").GetString());

        var seen = new List<string>();
        var job = await client.GenerateAsync("flux-1.1-pro", new { prompt = "A fantasy castle on a cliff at sunset", aspect_ratio = "16:9" },
            new GenerateOptions { FirstPoll = TimeSpan.FromMilliseconds(50), Progress = new Recorder(seen) }, Ct);
        Assert.Equal("completed", job.Status);
        Assert.Equal("pending", seen[0]);
        var asset = Assert.Single(job.Assets!);
        using var png = new MemoryStream();
        await client.DownloadAsync(asset.Url, png, Ct);
        Assert.Equal((1024, 576), PngSize(png.ToArray()));

        var list = await client.ListJobsAsync(limit: 5, cancellationToken: Ct);
        Assert.Equal(job.JobId, Assert.Single(list.Jobs).JobId);
        Assert.StartsWith("whsec_", await client.GetWebhookSecretAsync(Ct), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<TesseraApiException>(() => client.ReplayWebhookAsync(job.JobId, Ct));
        Assert.Equal("validation_error", refused.Code);
    }

    [Fact]
    public async Task Sdk_errors_carry_the_docs_codes()
    {
        using var client = Client();
        var poor = await Assert.ThrowsAsync<TesseraApiException>(() => client.RunAsync("flux-1.1-pro", new { prompt = "x", num_outputs = 4 }, cancellationToken: Ct));
        Assert.Equal("insufficient_credits", poor.Code);
        Assert.Equal(System.Net.HttpStatusCode.PaymentRequired, poor.Status);
        var missing = await Assert.ThrowsAsync<TesseraApiException>(() => client.GetJobAsync("job_nope", Ct));
        Assert.Equal("not_found", missing.Code);
        using var stranger = Client("tsk_wrong");
        Assert.Equal("unauthorized", (await Assert.ThrowsAsync<TesseraApiException>(() => stranger.ListModelsAsync(Ct))).Code);
    }

    [Fact]
    public async Task Cli_generate_shows_progress_and_saves_each_output_into_the_directory()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, CliEnvironment.DefaultClientFactory, _ => null, CliEnvironment.DefaultServe)
        {
            DojoClientFactory = (server, key) => new PixelDojoClient(_factory.CreateClient(), server, key),
        };
        var exit = await CliApp.Create(environment).RunAsync(
            ["generate", "wan-image", "--prompt", "a red bicycle", "--aspect-ratio", "1:1", "--num-outputs", "2", "--seed", "3",
             "--out", _directory, "--server", "http://localhost", "--key", _key], Ct);

        Assert.True(exit == 0, error.ToString());
        var files = Directory.GetFiles(_directory, "*.png").Order().ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, file => Assert.Equal((1024, 1024), PngSize(File.ReadAllBytes(file))));
        var text = output.ToString();
        Assert.Contains(" pending ", text, StringComparison.Ordinal);
        Assert.Contains(" completed ", text, StringComparison.Ordinal);
        Assert.Contains("saved " + files[0], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_generate_without_a_key_is_a_usage_error_and_a_refusal_shows_the_code()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, CliEnvironment.DefaultClientFactory, _ => null, CliEnvironment.DefaultServe)
        {
            DojoClientFactory = (server, key) => new PixelDojoClient(_factory.CreateClient(), server, key),
        };
        Assert.Equal(ExitCodes.Usage, await CliApp.Create(environment).RunAsync(["generate", "flux-1.1-pro", "--prompt", "x", "--server", "http://localhost"], Ct));
        Assert.Equal(ExitCodes.ApiError, await CliApp.Create(environment).RunAsync(
            ["generate", "flux-1.1-pro", "--prompt", "x", "--num-outputs", "4", "--server", "http://localhost", "--key", _key], Ct));
        Assert.Contains("error: insufficient_credits", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class Recorder(List<string> statuses) : IProgress<DojoJob>
    {
        public void Report(DojoJob value) => statuses.Add(value.Status);
    }
}
