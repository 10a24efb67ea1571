using System.Net.Http.Headers;
using System.Text.Json;
using NetVips;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>A server for the Pixels Ocean tests (the burst limit raised so a test's many calls fit), and the calls they repeat.</summary>
internal sealed class OceanHost : IAsyncDisposable
{
    public const string MediaApi = "/ocean/api/media";

    private OceanHost(TesseraFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient();
    }

    public TesseraFactory Factory { get; }

    public HttpClient Client { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static OceanHost Start(Func<TesseraFactory, TesseraFactory>? configure = null)
    {
        var factory = new TesseraFactory()
            .With("Tessera:RateLimits:Policies:ocean-burst:0:Name", "burst")
            .With("Tessera:RateLimits:Policies:ocean-burst:0:Kind", "TokenBucket")
            .With("Tessera:RateLimits:Policies:ocean-burst:0:Limit", "100000")
            .With("Tessera:RateLimits:Policies:ocean-burst:0:Window", "00:01:00")
            .With("Tessera:RateLimits:Policies:ocean-burst:0:Partition", "Key");
        return new OceanHost(configure?.Invoke(factory) ?? factory);
    }

    /// <summary>A new account and one key for it.</summary>
    public async Task<string> UserAsync(object? keyBody = null)
    {
        var admin = Factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync("ocean user");
        var (_, key) = await admin.CreateKeyAsync(account, keyBody);
        return key;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request, Ct);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, string? key, object? body = null, int expected = 200)
    {
        using var response = await SendAsync(method, path, key, body);
        var json = await response.ReadJsonAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {json}");
        return json;
    }

    public async Task<HttpResponseMessage> UploadRawAsync(string? key, byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, MediaApi + "/upload") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return await Client.SendAsync(request, Ct);
    }

    /// <summary>Uploads and returns the answer's JSON, asserting a 200.</summary>
    public async Task<JsonElement> UploadAsync(string key, byte[] bytes, string fileName = "photo.png", params (string Name, string Value)[] fields)
    {
        using var response = await UploadRawAsync(key, bytes, fileName, fields);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    /// <summary>Uploads and waits until the analysis (pHash, colours, OCR) is done: the asset as the media route shows it.</summary>
    public async Task<JsonElement> AnalysedAsync(string key, byte[] bytes, string fileName)
    {
        var id = (await UploadAsync(key, bytes, fileName)).GetProperty("media").GetProperty("id").GetInt64();
        for (var i = 0; i < 600; i++)
        {
            var media = (await JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key)).GetProperty("media");
            if (media.GetProperty("analysis").GetString() != "pending")
            {
                return media;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The upload was not analysed.");
    }

    /// <summary>A small PNG of one colour (a different colour gives different bytes).</summary>
    public static byte[] Png(int width = 32, int height = 24, byte red = 200, byte green = 60, byte blue = 30)
    {
        using var image = Image.Black(width, height, bands: 3).NewFromImage(red, green, blue).Cast(Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    /// <summary>The path of an absolute URL the server gave (the test client speaks to the in-memory server).</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
