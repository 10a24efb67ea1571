namespace Tessera.Tests.Vision;

/// <summary>
/// A stand-in worker folder for the local engine's process handling (queue, timeout, restart) without the model: a
/// <c>worker.js</c> that speaks the real protocol, answers <c>{"labels":[{"label":"kite","score":0.9}]}</c> to a 512×512 RGB frame (an error to any other size) after
/// <c>delayMs</c>, and an empty <c>node_modules</c>. Needs only Node.js (tests skip without it).
/// </summary>
public sealed class FakeNodeWorker : IDisposable
{
    public FakeNodeWorker(int delayMs = 0, bool failStart = false)
    {
        Directory = Path.Combine(Path.GetTempPath(), "tessera-fake-vision-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "node_modules"));
        File.WriteAllText(Path.Combine(Directory, "worker.js"), $$"""
            'use strict';
            if ({{(failStart ? "true" : "false")}}) { process.stdout.write(JSON.stringify({ fatal: 'model file missing' }) + '\n'); process.exit(2); }
            process.stdout.write(JSON.stringify({ ready: true, loadMs: 5, backend: 'fake' }) + '\n');
            let pending = Buffer.alloc(0);
            process.stdin.on('data', (chunk) => {
              pending = Buffer.concat([pending, chunk]);
              while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
                const length = pending.readUInt32LE(0);
                pending = pending.subarray(4 + length);
                const answer = length === 512 * 512 * 3
                  ? { labels: [{ label: 'kite', score: 0.9 }, { label: 'bird', score: 0.1 }] }
                  : { error: `frame of ${length} bytes` };
                setTimeout(() => process.stdout.write(JSON.stringify(answer) + '\n'), {{delayMs}});
              }
            });
            process.stdin.on('end', () => process.exit(0));
            """);
    }

    public string Directory { get; }

    public static void SkipWithoutNode() =>
        Assert.SkipWhen(
            !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "node"))),
            "Node.js is not installed (scripts/test installs it): the local vision engine's process tests need it.");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
