using System.Diagnostics;
using System.Net;

namespace Tessera.Benchmarks.Http;

/// <summary>
/// A small closed-loop HTTP load generator on loopback: <c>concurrency</c> workers send requests back to back for a
/// fixed time and count the responses. Every request has a deadline; the loop ends by itself.
/// </summary>
public static class LoadRunner
{
    public static HttpClient CreateClient(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseProxy = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Requests per second that answered <paramref name="expected"/>; throws if any answered otherwise.</summary>
    public static async Task<double> RunAsync(HttpClient client, Func<HttpRequestMessage> request, int concurrency, TimeSpan duration, HttpStatusCode expected = HttpStatusCode.OK)
    {
        long count = 0;
        long unexpected = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stopwatch.Elapsed < duration)
            {
                using var response = await client.SendAsync(request(), HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode == expected)
                {
                    Interlocked.Increment(ref count);
                }
                else
                {
                    Interlocked.Increment(ref unexpected);
                }
            }
        });
        await Task.WhenAll(workers);
        if (unexpected > 0)
        {
            throw new InvalidOperationException($"{unexpected} responses were not {(int)expected}");
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
