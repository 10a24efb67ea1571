using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Tests.Automation;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>
/// <c>/ocean/api/automation/export/wordpress|shopify</c> against local fakes that check what WordPress and Shopify check
/// (auth, content type, required fields, the order of Shopify's three steps) and answer like them.
/// </summary>
public sealed class OceanExportTests : IAsyncLifetime
{
    private const string WpPassword = "abcd EFGH 1234 ijkl MNOP 5678";
    private const string ShopToken = "shpat_0123456789abcdef";

    private readonly CapturedLogs _logs = new();
    private OceanHost _host = null!;
    private FakeWordPress _wordpress = null!;
    private FakeShopify _shopify = null!;

    public async ValueTask InitializeAsync()
    {
        _host = Start(factory => factory
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        _wordpress = await FakeWordPress.StartAsync("admin", WpPassword.Replace(" ", "", StringComparison.Ordinal));
        _shopify = await FakeShopify.StartAsync(ShopToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _wordpress.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    private async Task<(long Id, byte[] Bytes)> UploadAsync(string key, byte red)
    {
        var bytes = Png(red: red);
        var uploaded = await _host.UploadAsync(key, bytes, $"photo {red}.png");
        return (uploaded.GetProperty("media_id").GetInt64(), bytes);
    }

    [Fact]
    public async Task Media_is_pushed_to_wordpress_as_real_uploads_with_an_application_password()
    {
        var key = await _host.UserAsync();
        var first = await UploadAsync(key, 10);
        var second = await UploadAsync(key, 20);

        var answer = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/wordpress", key,
            new { wp_url = _wordpress.Url.AbsoluteUri, wp_user = "admin", wp_password = WpPassword, media_ids = new[] { first.Id, second.Id } });

        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(2, answer.GetProperty("pushed").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("pushed", r.GetProperty("status").GetString()));
        var uploads = _wordpress.Uploads.ToList();
        Assert.Equal([first.Bytes, second.Bytes], uploads.Select(u => u.Bytes));
        Assert.All(uploads, u => Assert.Equal("image/png", u.ContentType));
        Assert.Equal("photo_10.png", uploads[0].FileName);
        Assert.Equal(uploads[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), results[0].GetProperty("remote_id").GetString());
        Assert.EndsWith("/wp-content/uploads/2026/04/photo_10.png", results[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains(WpPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_wordpress_refuses_are_a_400_and_the_other_items_are_not_sent()
    {
        var key = await _host.UserAsync();
        var ids = new[] { (await UploadAsync(key, 30)).Id, (await UploadAsync(key, 40)).Id };

        var refused = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/wordpress", key,
            new { wp_url = _wordpress.Url.AbsoluteUri, wp_user = "admin", wp_password = "wrong pass", media_ids = ids }, expected: 400);

        Assert.Equal("export_refused", refused.GetProperty("code").GetString());
        Assert.Contains("invalid application password", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(_wordpress.Calls);
        Assert.Empty(_wordpress.Uploads);
    }

    [Fact]
    public async Task Media_is_pushed_to_shopify_files_through_staged_uploads_and_file_create()
    {
        var key = await _host.UserAsync();
        var item = await UploadAsync(key, 50);

        var answer = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/shopify", key,
            new { shop_url = _shopify.Url.AbsoluteUri, access_token = ShopToken, media_ids = new[] { item.Id } });

        Assert.Equal(1, answer.GetProperty("pushed").GetInt32());
        var file = Assert.Single(_shopify.Files);
        Assert.Equal(file.Id, answer.GetProperty("results")[0].GetProperty("remote_id").GetString());
        Assert.Equal(item.Bytes, file.Bytes);
        Assert.Equal("photo 50.png", file.Alt);
        Assert.Equal([$"POST /admin/api/{FakeShopify.Version}/graphql.json", "POST /upload", $"POST /admin/api/{FakeShopify.Version}/graphql.json"], _shopify.Calls);
    }

    [Fact]
    public async Task A_token_shopify_refuses_is_a_400()
    {
        var key = await _host.UserAsync();
        var item = await UploadAsync(key, 60);

        var refused = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/shopify", key,
            new { shop_url = _shopify.Url.AbsoluteUri, access_token = "shpat_wrong", media_ids = new[] { item.Id } }, expected: 400);

        Assert.Equal("export_refused", refused.GetProperty("code").GetString());
        Assert.Empty(_shopify.Files);
    }

    [Fact]
    public async Task Another_accounts_media_is_a_404_and_nothing_is_pushed()
    {
        var owner = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var theirs = await UploadAsync(owner, 70);
        var mine = await UploadAsync(stranger, 80);

        var missing = await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/wordpress", stranger,
            new { wp_url = _wordpress.Url.AbsoluteUri, wp_user = "admin", wp_password = WpPassword, media_ids = new[] { mine.Id, theirs.Id } }, expected: 404);
        Assert.Contains(theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), missing.GetProperty("error").GetString(), StringComparison.Ordinal);
        await _host.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/shopify", stranger,
            new { shop_url = _shopify.Url.AbsoluteUri, access_token = ShopToken, media_ids = new[] { theirs.Id } }, expected: 404);
        Assert.Empty(_wordpress.Calls);
        Assert.Empty(_shopify.Calls);
    }

    [Theory]
    [InlineData("wordpress", """{"wp_user":"a","wp_password":"b","media_ids":[1]}""")]
    [InlineData("wordpress", """{"wp_url":"http://127.0.0.1:9/","wp_password":"b","media_ids":[1]}""")]
    [InlineData("wordpress", """{"wp_url":"http://127.0.0.1:9/","wp_user":"a","wp_password":"b"}""")]
    [InlineData("wordpress", """{"wp_url":"http://127.0.0.1:9/","wp_user":"a","wp_password":"b","media_ids":"1"}""")]
    [InlineData("wordpress", """{"wp_url":"ftp://127.0.0.1/","wp_user":"a","wp_password":"b","media_ids":[1]}""")]
    [InlineData("shopify", """{"access_token":"t","media_ids":[1]}""")]
    [InlineData("shopify", """{"shop_url":"mystore.myshopify.com","media_ids":[1]}""")]
    [InlineData("shopify", """{"shop_url":"mystore.myshopify.com","access_token":"t","media_ids":[]}""")]
    public async Task A_bad_export_request_is_a_400_in_the_ocean_shape(string target, string body)
    {
        var key = await _host.UserAsync();
        var json = await _host.JsonAsync(HttpMethod.Post, $"/ocean/api/automation/export/{target}", key, body, expected: 400);
        Assert.False(json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_plain_http_site_is_refused_unless_the_operator_allows_private_networks()
    {
        await using var strict = Start();
        var key = await strict.UserAsync();
        var json = await strict.JsonAsync(HttpMethod.Post, "/ocean/api/automation/export/wordpress", key,
            new { wp_url = "http://myblog.example", wp_user = "admin", wp_password = "x", media_ids = new[] { 1 } }, expected: 400);
        Assert.Contains("https", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
