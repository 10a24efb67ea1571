using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using Tessera.Storage;
using Tessera.Tests.Support;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Jobs;

public sealed class OutputTests
{
    [Fact]
    public async Task A_signed_url_streams_the_output_with_its_type_and_caching_headers()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        await factory.WaitTerminalAsync(job.Id);

        var url = factory.Services.GetRequiredService<OutputUrls>().Sign(job.Id, 0, TimeSpan.FromHours(1));
        Assert.StartsWith($"https://pixels.example/files/{job.Id}/0?exp=", url);
        using var response = await factory.CreateClient().GetAsync(PathOf(url), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestEngines.Png, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("max-age=", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_bad_signature_or_a_past_expiry_is_403()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        await factory.WaitTerminalAsync(job.Id);
        var urls = factory.Services.GetRequiredService<OutputUrls>();
        var client = factory.CreateClient();

        var good = PathOf(urls.Sign(job.Id, 0, TimeSpan.FromHours(1)));
        var tampered = good[..^3] + (good[^3] == 'A' ? "B" : "A") + good[^2..];
        var otherIndex = good.Replace($"/{job.Id}/0?", $"/{job.Id}/1?", StringComparison.Ordinal);
        foreach (var path in new[] { tampered, otherIndex, $"/files/{job.Id}/0", $"/files/{job.Id}/0?exp=9999999999&sig=abc" })
        {
            using var refused = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("invalid_signature", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        }

        using var expired = await client.GetAsync(PathOf(urls.Sign(job.Id, 0, TimeSpan.FromSeconds(-5))), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        var error = await expired.ReadJsonAsync();
        Assert.Equal("link_expired", error.GetProperty("code").GetString());
        Assert.Contains("expired link", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Expired_outputs_are_deleted_the_job_answers_expired_and_its_link_is_410()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input(new { unique = true }), OutputLifetime: TimeSpan.FromSeconds(1)));
        var done = await factory.WaitTerminalAsync(job.Id);
        var url = PathOf(factory.Services.GetRequiredService<OutputUrls>().Sign(job.Id, 0, TimeSpan.FromHours(1)));
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        Assert.True(await blobs.ExistsAsync(done.Outputs[0].BlobHash, Ct));

        await WaitUntilAsync(async () => !await blobs.ExistsAsync(done.Outputs[0].BlobHash, Ct));

        var got = await factory.Services.GetRequiredService<JobService>().GetAsync(account, job.Id, Ct);
        Assert.Equal(("expired", 410), (got.Error?.Code, got.Error?.Status));
        using var response = await factory.CreateClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("expired", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_blob_shared_with_a_live_job_survives_the_other_jobs_expiry()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var shortLived = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input(), OutputLifetime: TimeSpan.FromSeconds(1)));
        var longLived = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        var done = await factory.WaitTerminalAsync(longLived.Id);
        await factory.WaitTerminalAsync(shortLived.Id);
        var jobs = factory.Services.GetRequiredService<JobService>();

        await WaitUntilAsync(async () => !(await jobs.GetAsync(account, shortLived.Id, Ct)).IsSuccess);
        await factory.Services.GetRequiredService<JobSweeper>().ExpireOutputsAsync(Ct);

        Assert.True(await factory.Services.GetRequiredService<IBlobStore>().ExistsAsync(done.Outputs[0].BlobHash, Ct));
        using var response = await factory.CreateClient().GetAsync(PathOf(factory.Services.GetRequiredService<OutputUrls>().Sign(longLived.Id, 0, TimeSpan.FromMinutes(1))), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400 && !await condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(await condition());
    }
}
