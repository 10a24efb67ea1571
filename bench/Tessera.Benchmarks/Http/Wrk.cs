using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Benchmarks.Http;

/// <summary>
/// wrk (Debian's package, /usr/bin/wrk) against one URL: a C load generator, so the figures measure the server, not a
/// .NET client sharing its runtime's costs. Every run is bounded by its duration; a non-2xx/3xx answer is reported.
/// </summary>
public static partial class Wrk
{
    public const string Path = "/usr/bin/wrk";

    public static bool Installed => File.Exists(Path);

    /// <summary>Requests per second; throws when any answer was not 2xx/3xx (wrk's "Non-2xx or 3xx responses").</summary>
    public static async Task<double> RunAsync(Uri url, TimeSpan duration, int connections, int threads = 2, string? ifNoneMatch = null)
    {
        var start = new ProcessStartInfo(Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{duration.TotalSeconds:0}s" })
        {
            start.ArgumentList.Add(arg);
        }

        if (ifNoneMatch is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("If-None-Match: " + ifNoneMatch);
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (NonSuccess().Match(output) is { Success: true } bad)
        {
            throw new InvalidOperationException($"{bad.Groups[1].Value} responses to {url} were not 2xx/3xx");
        }

        var match = RequestsPerSecond().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("wrk printed no Requests/sec: " + output);
    }

    /// <summary>The 1-minute load average, to print next to figures taken on a shared machine.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
