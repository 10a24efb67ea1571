using System.Diagnostics;

namespace Tessera.Benchmarks.Http;

/// <summary>nginx (Debian's package) serving one file on loopback: the reference for serving a static PNG.</summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private Nginx(Process process, string root, Uri address)
    {
        _process = process;
        _root = root;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Null when nginx is not installed (<c>apt-get install nginx</c>).</summary>
    public static Task<Nginx?> StartAsync(byte[] png, int port) => StartAsync(new Dictionary<string, byte[]> { ["canvas.png"] = png }, port);

    /// <summary>nginx serving each of <paramref name="files"/> (name → bytes) at <c>/name</c>; null when it is not installed.</summary>
    public static async Task<Nginx?> StartAsync(IReadOnlyDictionary<string, byte[]> files, int port)
    {
        if (!File.Exists("/usr/sbin/nginx"))
        {
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), "tessera-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        foreach (var (name, bytes) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(root, name), bytes);
        }

        var config = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes auto;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                keepalive_requests 100000;
                client_body_temp_path {{root}}; proxy_temp_path {{root}}; fastcgi_temp_path {{root}}; uwsgi_temp_path {{root}}; scgi_temp_path {{root}};
                server { listen 127.0.0.1:{{port}}; root {{root}}; location / { etag on; } }
            }
            """);
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-c", config, "-p", root]) { UseShellExecute = false })!;
        var nginx = new Nginx(process, root, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = nginx.Address };
        for (var i = 0; i < 50; i++)
        {
            try
            {
                (await probe.GetAsync("/" + files.Keys.First())).EnsureSuccessStatusCode();
                return nginx;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
