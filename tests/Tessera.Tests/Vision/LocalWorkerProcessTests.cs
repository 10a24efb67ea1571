using Tessera.Vision;

namespace Tessera.Tests.Vision;

/// <summary>
/// The local engine's process handling against a stand-in worker (<see cref="FakeNodeWorker"/>: the real protocol, no
/// model): the bounded queue, the per-image timeout, a worker that cannot start, and the reasons an engine gives when it
/// is not set up.
/// </summary>
public sealed class LocalWorkerProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Photo = Tessera.Imaging.ImageEncoder.Png(new byte[32 * 32 * 4], 32, 32, opaque: true);

    [Fact]
    public async Task Sends_the_worker_a_512_square_rgb_frame_and_reads_its_labels()
    {
        FakeNodeWorker.SkipWithoutNode();
        using var fake = new FakeNodeWorker();
        await using var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", fake.Directory));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(["kite"], result.Value.Names); // bird (0.1) is under the threshold
        Assert.Equal(0.9, result.Value.Labels[0].Score);
    }

    [Fact]
    public async Task A_full_queue_refuses_the_next_image_as_busy()
    {
        FakeNodeWorker.SkipWithoutNode();
        using var fake = new FakeNodeWorker(delayMs: 1500);
        await using var host = await VisionHost.StartAsync(
            ("Engines:0", "local"), ("Local:NodeDirectory", fake.Directory), ("Local:Workers", "1"), ("Local:QueueLength", "1"));

        var calls = Enumerable.Range(0, 3).Select(_ => host.Service.LabelAsync(Photo, Ct)).ToList();
        var results = await Task.WhenAll(calls);

        var busy = Assert.Single(results, result => !result.IsSuccess);
        Assert.Equal(("vision_busy", 503), (busy.Error!.Code, busy.Error.Status));
        Assert.Contains("busy", busy.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, results.Count(result => result.IsSuccess));
    }

    [Fact]
    public async Task An_image_past_its_time_fails_with_a_timeout_and_the_worker_is_stopped()
    {
        FakeNodeWorker.SkipWithoutNode();
        using var fake = new FakeNodeWorker(delayMs: 5000);
        await using var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", fake.Directory), ("Local:ImageTimeout", "00:00:00.300"));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_timeout", 504), (result.Error?.Code, result.Error?.Status));
        Assert.Empty(host.Local.RunningWorkers);
    }

    [Fact]
    public async Task A_worker_that_cannot_load_its_model_makes_the_engine_unavailable_with_the_workers_reason()
    {
        FakeNodeWorker.SkipWithoutNode();
        using var fake = new FakeNodeWorker(failStart: true);
        await using var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", fake.Directory));

        var result = await host.Service.LabelAsync(Photo, Ct);

        Assert.Equal(("vision_unavailable", 503), (result.Error?.Code, result.Error?.Status));
        Assert.Contains("model file missing", result.Error!.Message, StringComparison.Ordinal);
        Assert.False(host.Service.Available);
        Assert.Contains("model file missing", host.Service.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_worker_js_or_without_node_modules_is_reported_with_what_to_do()
    {
        var empty = Directory.CreateTempSubdirectory("tessera-no-vision-");
        try
        {
            await using (var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", empty.FullName)))
            {
                Assert.False(host.Service.Available);
                Assert.Contains("has no worker.js", host.Service.UnavailableReason, StringComparison.Ordinal);
                var result = await host.Service.LabelAsync(Photo, Ct);
                Assert.Equal(("vision_unavailable", 503), (result.Error?.Code, result.Error?.Status));
            }

            await File.WriteAllTextAsync(Path.Combine(empty.FullName, "worker.js"), "", Ct);
            await using (var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", empty.FullName)))
            {
                Assert.Contains("npm ci --prefix " + empty.FullName, host.Service.UnavailableReason, StringComparison.Ordinal);
            }
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bytes_that_are_not_an_image_are_refused_without_starting_a_worker()
    {
        FakeNodeWorker.SkipWithoutNode();
        using var fake = new FakeNodeWorker();
        await using var host = await VisionHost.StartAsync(("Engines:0", "local"), ("Local:NodeDirectory", fake.Directory));

        var result = await host.Service.LabelAsync("<html>not an image</html>"u8.ToArray(), Ct);

        Assert.Equal(("invalid_image", 400), (result.Error?.Code, result.Error?.Status));
        Assert.Empty(host.Local.RunningWorkers);
    }

    [Fact]
    public async Task Unknown_or_repeated_engine_names_stop_the_start()
    {
        var unknown = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => VisionHost.StartAsync(("Engines:0", "clip")));
        Assert.Contains("'clip' is not an engine", unknown.Message, StringComparison.Ordinal);
        var twice = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => VisionHost.StartAsync(("Engines:0", "local"), ("Engines:1", "LOCAL")));
        Assert.Contains("twice", twice.Message, StringComparison.Ordinal);
    }
}
