using System.Net.Http.Headers;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.PixelsOcean.Web;

/// <summary>The browser test server for <c>/ocean</c>: the media burst raised (a page makes many calls), and a user with a key.</summary>
public sealed class OceanBrowserFixture : BrowserServerFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IEnumerable<string> ServerArgs =>
    [
        "--Tessera:RateLimits:Policies:ocean-burst:0:Name", "burst",
        "--Tessera:RateLimits:Policies:ocean-burst:0:Kind", "TokenBucket",
        "--Tessera:RateLimits:Policies:ocean-burst:0:Limit", "100000",
        "--Tessera:RateLimits:Policies:ocean-burst:0:Window", "00:01:00",
        "--Tessera:RateLimits:Policies:ocean-burst:0:Partition", "Key",
    ];

    /// <summary>A new account's key.</summary>
    public async Task<string> UserAsync()
    {
        using var admin = CreateAdminClient();
        var account = await admin.CreateAccountAsync("ocean web user");
        return (await admin.CreateKeyAsync(account)).Key;
    }

    /// <summary>Uploads through the API; the new media id.</summary>
    public async Task<long> UploadAsync(string key, byte[] bytes, string name)
    {
        using var client = CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "upload.png");
        form.Add(new StringContent(name), "name");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ocean/api/media/upload") { Content = form };
        request.Headers.Add("X-API-Key", key);
        using var response = await client.SendAsync(request, Ct);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("media_id").GetInt64();
    }

    /// <summary>A collection of <paramref name="ids"/> shared with <paramref name="password"/>; its share token.</summary>
    public async Task<string> ShareAsync(string key, string name, long[] ids, string? password)
    {
        using var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        var created = await (await client.PostAsync("/ocean/api/media/collections", Json(new { name }), Ct)).ReadJsonAsync();
        var id = created.GetProperty("collection").GetProperty("id").GetInt64();
        (await client.PostAsync($"/ocean/api/media/collections/{id}/items", Json(new { ids }), Ct)).EnsureSuccessStatusCode();
        var shared = await (await client.PostAsync($"/ocean/api/media/collections/{id}/share", Json(new { @public = true, password }), Ct)).ReadJsonAsync();
        return shared.GetProperty("share_token").GetString()!;
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
