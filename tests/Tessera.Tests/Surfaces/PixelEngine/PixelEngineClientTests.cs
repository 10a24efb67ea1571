using System.Text.Json;
using Tessera.Cli;
using Tessera.Client;
using Tessera.Client.PixelEngine;
using Tessera.Tests.Engines.Local;
using static Tessera.Tests.Surfaces.PixelEngine.EngineHost;

namespace Tessera.Tests.Surfaces.PixelEngine;

/// <summary>The SDK's <see cref="PixelEngineClient"/> and <c>tessera animate</c> against a real server.</summary>
public sealed class PixelEngineClientTests : IAsyncLifetime
{
    private readonly EngineHost _host = Start();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tessera-animate-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WaitForJob_polls_until_success_and_the_links_download()
    {
        var (_, key) = await _host.UserAsync(monthly: 5, purchased: 50);
        using var client = new PixelEngineClient(_host.Factory.CreateClient(), key);
        var seen = new List<string>();

        var submitted = await client.AnimateAsync(AnimateRequest.FromBytes(LocalEngineRequests.TwoColourSprite(20, 20), "jumping", frames: 5), cancellationToken: Ct);
        Assert.Equal(EngineJob.Queued, submitted.Status);
        var job = await client.WaitForJobAsync(
            submitted.ApiJobId, pollInterval: TimeSpan.FromMilliseconds(50), timeout: TimeSpan.FromSeconds(30),
            progress: new ProgressTo(job => seen.Add(job.Status)), cancellationToken: Ct);

        Assert.Equal(EngineJob.Success, job.Status);
        Assert.True(job.IsFinished);
        Assert.Equal(EngineJob.Success, seen[^1]);
        Assert.Equal(5, job.Output!.Metadata.Frames);
        Assert.Equal("jump", job.Output.Metadata.Motion);
        using var gif = new MemoryStream();
        await client.DownloadAsync(job.Output.Url, gif, Ct);
        Assert.Equal("GIF89a"u8.ToArray(), gif.ToArray()[..6]);

        // The hold is posted just after the job's terminal commit: wait for it, then 20 were spent, monthly first.
        var balance = await client.GetBalanceAsync(Ct);
        for (var i = 0; balance.Held > 0 && i < 200; i++)
        {
            await Task.Delay(50, Ct);
            balance = await client.GetBalanceAsync(Ct);
        }

        Assert.Equal((0m, 35m, 0m, 35m), (balance.Monthly, balance.Purchased, balance.Held, balance.Available));
    }

    [Fact]
    public async Task Errors_carry_the_servers_code_and_keys_are_managed()
    {
        var (_, key) = await _host.UserAsync(purchased: 5);
        using var client = new PixelEngineClient(_host.Factory.CreateClient(), key);

        var poor = await Assert.ThrowsAsync<TesseraApiException>(() => client.AnimateAsync(new AnimateRequest(Sprite, "walk"), cancellationToken: Ct));
        Assert.Equal(("insufficient_credits", System.Net.HttpStatusCode.PaymentRequired), (poor.Code, poor.Status));
        var unknown = await Assert.ThrowsAsync<TesseraApiException>(() => client.GetJobAsync("job_nope", Ct));
        Assert.Equal("job_not_found", unknown.Code);

        var created = await client.CreateKeyAsync("ci", Ct);
        Assert.StartsWith("pe_sk_", created.Key, StringComparison.Ordinal);
        Assert.Equal("renamed", (await client.RenameKeyAsync(created.Id, "renamed", Ct)).Name);
        Assert.Equal("deactivated", (await client.DeactivateKeyAsync(created.Id, Ct)).Status);
        Assert.Equal("active", (await client.ReactivateKeyAsync(created.Id, Ct)).Status);
        Assert.Equal(2, (await client.ListKeysAsync(Ct)).Count);
        await client.DeleteKeyAsync(created.Id, Ct);
        Assert.Single((await client.ListKeysAsync(Ct)).Keys);
    }

    [Fact]
    public async Task Cli_animate_downloads_the_animation_the_sheet_and_metadata()
    {
        var (_, key) = await _host.UserAsync();
        var image = Path.Combine(_folder, "hero.png");
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(image, LocalEngineRequests.TwoColourSprite(16, 16), Ct);
        var output = Path.Combine(_folder, "out");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var app = CliApp.Create(new CliEnvironment(stdout, stderr, CliEnvironment.DefaultClientFactory, _ => null, (_, _) => Task.CompletedTask)
        {
            EngineClientFactory = (_, apiKey) => new PixelEngineClient(_host.Factory.CreateClient(), apiKey),
        });

        var exit = await app.RunAsync(
            [
                "animate", image, "--prompt", "a hero running right", "--frames", "4", "--fps", "8", "--out", output,
                "--key", key, "--server", "http://localhost", "--poll", "0.05",
            ],
            Ct);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("submitted", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("success after", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("GIF89a"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(output, "animation.gif"), Ct))[..6]);
        Assert.True(new FileInfo(Path.Combine(output, "spritesheet.png")).Length > 0);
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "metadata.json"), Ct));
        Assert.Equal(4, metadata.RootElement.GetProperty("metadata").GetProperty("frames").GetInt32());
        Assert.Equal("run", metadata.RootElement.GetProperty("metadata").GetProperty("motion").GetString());
        Assert.Contains("animation.gif", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_animate_reports_a_refused_request_with_its_code()
    {
        var (_, key) = await _host.UserAsync(purchased: 1);
        Directory.CreateDirectory(_folder);
        var image = Path.Combine(_folder, "hero.png");
        await File.WriteAllBytesAsync(image, LocalEngineRequests.TwoColourSprite(8, 8), Ct);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var app = CliApp.Create(new CliEnvironment(stdout, stderr, CliEnvironment.DefaultClientFactory, _ => null, (_, _) => Task.CompletedTask)
        {
            EngineClientFactory = (_, apiKey) => new PixelEngineClient(_host.Factory.CreateClient(), apiKey),
        });

        var exit = await app.RunAsync(["animate", image, "--prompt", "walk", "--key", key], Ct);

        Assert.Equal(ExitCodes.ApiError, exit);
        Assert.Contains("error: insufficient_credits", stderr.ToString(), StringComparison.Ordinal);
    }

    private sealed class ProgressTo(Action<EngineJob> report) : IProgress<EngineJob>
    {
        public void Report(EngineJob value) => report(value);
    }
}
