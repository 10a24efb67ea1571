using System.IO.Compression;
using System.Text.Json;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary><c>/download/{job_id}</c> and <c>/files/{job_id}/{filename}</c>: by the owner's key or the job's signed links.</summary>
public sealed class OceanDownloadTests : IAsyncLifetime
{
    private readonly OceanHost _host = Start(factory => factory
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Scraping:PerHostDelay", "00:00:00.010")
        .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.010"));

    private LocalReceiver _site = null!;

    public async ValueTask InitializeAsync() =>
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            (int Status, byte[] Body) answer = request.PathAndQuery switch
            {
                "/" => (200, "<html><body><img src='/x/pic.png'><img src='/y/pic.png'><img src='/z/other.png'></body></html>"u8.ToArray()),
                "/x/pic.png" => (200, Png(red: 11)),
                "/y/pic.png" => (200, Png(red: 22)),
                "/z/other.png" => (200, Png(red: 33)),
                _ => (404, "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<JsonElement> ScrapedJobAsync(string key)
    {
        var queued = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/scrape", key, new { url = _site.Url.AbsoluteUri });
        for (var i = 0; i < 300; i++)
        {
            var job = await _host.JsonAsync(HttpMethod.Get, queued.GetProperty("poll_url").GetString()!, key);
            if (job.GetProperty("status").GetString() is "completed")
            {
                return job;
            }

            Assert.NotEqual("failed", job.GetProperty("status").GetString());
            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The scrape did not finish.");
    }

    [Fact]
    public async Task A_jobs_signed_links_open_its_files_and_zip_without_a_key_under_the_names_the_job_lists()
    {
        var key = await _host.UserAsync();
        var job = await ScrapedJobAsync(key);
        var jobId = job.GetProperty("job_id").GetInt64();
        var items = job.GetProperty("assets").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["pic.png", "pic-2.png", "other.png"], items.Select(item => item.GetProperty("filename").GetString()));

        var download = items[1].GetProperty("download_url").GetString()!;
        Assert.StartsWith($"http://localhost/ocean/files/{jobId}/pic-2.png?expires=", download, StringComparison.Ordinal);
        using (var file = await _host.SendAsync(HttpMethod.Get, PathOf(download), key: null))
        {
            Assert.Equal(200, (int)file.StatusCode);
            Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png(red: 22), await file.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var zipUrl = job.GetProperty("zip_url").GetString()!;
        using var zip = await _host.SendAsync(HttpMethod.Get, PathOf(zipUrl), key: null);
        Assert.Equal(200, (int)zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"job_{jobId}.zip", zip.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(["pic.png", "pic-2.png", "other.png"], archive.Entries.Select(entry => entry.FullName));
        await using var entry = await archive.GetEntry("other.png")!.OpenAsync(Ct);
        using var copy = new MemoryStream();
        await entry.CopyToAsync(copy, Ct);
        Assert.Equal(Png(red: 33), copy.ToArray());
    }

    [Fact]
    public async Task The_owners_key_opens_them_too_and_nobody_else_does()
    {
        var key = await _host.UserAsync();
        var job = await ScrapedJobAsync(key);
        var jobId = job.GetProperty("job_id").GetInt64();

        using (var owned = await _host.SendAsync(HttpMethod.Get, $"/ocean/files/{jobId}/other.png", key))
        {
            Assert.Equal(200, (int)owned.StatusCode);
            Assert.Equal(Png(red: 33), await owned.Content.ReadAsByteArrayAsync(Ct));
        }

        using (var zip = await _host.SendAsync(HttpMethod.Get, $"/ocean/download/{jobId}", key))
        {
            Assert.Equal(200, (int)zip.StatusCode);
        }

        // Another account's key: the job is not there. No key and no signature: 401.
        var stranger = await _host.UserAsync();
        foreach (var path in new[] { $"/ocean/files/{jobId}/other.png", $"/ocean/download/{jobId}" })
        {
            using var foreign = await _host.SendAsync(HttpMethod.Get, path, stranger);
            Assert.Equal(404, (int)foreign.StatusCode);
            Assert.False((await foreign.ReadJsonAsync()).GetProperty("success").GetBoolean());
            using var bare = await _host.SendAsync(HttpMethod.Get, path, key: null);
            Assert.Equal(401, (int)bare.StatusCode);
            Assert.Equal("Bearer", bare.Headers.WwwAuthenticate.Single().Scheme);
        }

        using var missing = await _host.SendAsync(HttpMethod.Get, $"/ocean/files/{jobId}/nothing.png", key);
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task An_edited_link_opens_nothing()
    {
        var key = await _host.UserAsync();
        var job = await ScrapedJobAsync(key);
        var jobId = job.GetProperty("job_id").GetInt64();
        var download = PathOf(job.GetProperty("assets").GetProperty("items")[0].GetProperty("download_url").GetString()!);
        var query = download[download.IndexOf('?', StringComparison.Ordinal)..];

        // The signature of one file does not open another, the ZIP, another job, or a later end.
        var expires = long.Parse(query.Split('&')[0]["?expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var edited in new[]
                 {
                     $"/ocean/files/{jobId}/other.png{query}",
                     $"/ocean/download/{jobId}{query}",
                     $"/ocean/files/{jobId + 1}/pic.png{query}",
                     download.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal),
                     download.Replace("expires=", "expires=x", StringComparison.Ordinal),
                     download + "x",
                 })
        {
            using var response = await _host.SendAsync(HttpMethod.Get, edited, key: null);
            Assert.True(404 == (int)response.StatusCode, edited);
            Assert.False((await response.ReadJsonAsync()).GetProperty("success").GetBoolean());
        }
    }
}
