using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>A crash in the middle of a bulk write (a fault point kills the process after the insert, before the commit).</summary>
public sealed class BulkCrashTests
{
    private const string AdminKey = "crash-test-admin-key";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crash_in_the_middle_of_a_bulk_write_leaves_none_of_it()
    {
        await using var database = TestDatabase.Create();
        List<string> args = ["--data", database.DataDirectory, "--admin-key", AdminKey];
        if (database.ConnectionString is { } connection)
        {
            args.AddRange(["--database", connection]);
        }

        string key;
        await using (var server = await ServerProcess.StartAsync(args))
        {
            key = await OwnerKeyAsync(server.Client);
            var before = Bulk(0, "#111111");
            Assert.Equal(HttpStatusCode.OK, (await Send(server.Client, key, before)).StatusCode);
            Assert.Equal(0, await server.StopAsync());
        }

        await using (var crashing = await ServerProcess.StartAsync(args, new Dictionary<string, string> { ["Tessera__Testing__FailAt"] = "canvas.bulk.after-insert" }))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => Send(crashing.Client, key, Bulk(0, "#222222")));
            await crashing.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, crashing.ExitCode);
        }

        await using (var restarted = await ServerProcess.StartAsync(args))
        {
            var body = await (await restarted.Client.GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync();
            Assert.Equal(1, body.GetProperty("seq").GetInt64());
            var colors = body.GetProperty("pixels").EnumerateArray().Select(p => p.GetProperty("color").GetString()).Distinct().ToArray();
            Assert.Equal(["#111111"], colors);
            Assert.Equal(1000, body.GetProperty("pixels").GetArrayLength());

            // And the canvas goes on from there.
            Assert.Equal(HttpStatusCode.OK, (await Send(restarted.Client, key, Bulk(0, "#333333"))).StatusCode);
        }
    }

    private static object Bulk(int row, string color) =>
        new { pixels = Enumerable.Range(0, 1000).Select(i => new { x = i % 100, y = row + i / 100, color }).ToArray() };

    private static Task<HttpResponseMessage> Send(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", key);
        return client.SendAsync(request, Ct);
    }

    private static async Task<string> OwnerKeyAsync(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var account = await client.CreateAccountAsync();
        var (_, key) = await client.CreateKeyAsync(account);
        (await client.PostAsJsonAsync("/admin/v1/canvases/omp/claims", new { account_id = account, x = 0, y = 0, width = 100, height = 100 }, Ct)).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = null;
        return key;
    }
}
