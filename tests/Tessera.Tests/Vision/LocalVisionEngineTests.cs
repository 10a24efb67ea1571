using System.Diagnostics;
using Tessera.Vision;

namespace Tessera.Tests.Vision;

/// <summary>
/// The real local engine: CenterNet in the Node worker of src/Tessera/Vision/node on real photos. Skips, saying why, when
/// Node, the npm folder (`npm ci --prefix src/Tessera/Vision/node`) or the photos are missing.
/// </summary>
public sealed class LocalVisionEngineTests(LocalVisionEngineTests.RealEngine engine) : IClassFixture<LocalVisionEngineTests.RealEngine>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("astronaut.png", "person")]
    [InlineData("coffee.png", "cup")]
    [InlineData("motorcycle_left.png", "motorcycle")]
    public async Task Names_the_coco_object_a_real_photo_shows(string photo, string expected)
    {
        var bytes = TestPhotos.Read(photo);
        var vision = await engine.ServiceAsync();

        var result = await vision.LabelAsync(bytes, Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("local", result.Value.Engine);
        Assert.Contains(expected, result.Value.Names);
        Assert.All(result.Value.Labels, label => Assert.InRange(label.Score, 0.4, 1.0));
        Assert.Equal(result.Value.Labels.OrderByDescending(label => label.Score), result.Value.Labels);
    }

    [Fact]
    public async Task The_worker_is_started_again_after_it_is_killed()
    {
        var bytes = TestPhotos.Read("astronaut.png");
        var vision = await engine.ServiceAsync();
        Assert.True((await vision.LabelAsync(bytes, Ct)).IsSuccess);
        var first = Assert.Single(engine.Host!.Local.RunningWorkers);
        Assert.InRange(first.ResidentBytes, 20L << 20, 2L << 30);

        using (var process = Process.GetProcessById(first.ProcessId))
        {
            process.Kill();
            await process.WaitForExitAsync(Ct);
        }

        var again = await vision.LabelAsync(bytes, Ct);

        Assert.True(again.IsSuccess, again.Error?.Message);
        Assert.Contains("person", again.Value.Names);
        Assert.NotEqual(first.ProcessId, Assert.Single(engine.Host.Local.RunningWorkers).ProcessId);
    }

    /// <summary>One host (one worker, one model load) for the class.</summary>
    public sealed class RealEngine : IAsyncDisposable
    {
        public VisionHost? Host { get; private set; }

        public async Task<VisionService> ServiceAsync()
        {
            Host ??= await VisionHost.StartAsync(("Engines:0", "local"));
            Assert.SkipWhen(!Host.Service.Available, "the local vision engine cannot run here: " + Host.Service.UnavailableReason);
            return Host.Service;
        }

        public async ValueTask DisposeAsync()
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
    }
}
