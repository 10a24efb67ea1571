using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Storage;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanMediaLibraryTests : IAsyncLifetime
{
    private readonly OceanHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Upload_answers_the_documented_fields_and_its_url_serves_the_same_bytes()
    {
        var key = await _host.UserAsync();
        var png = Png();

        var uploaded = await _host.UploadAsync(key, png, "holiday.txt", ("name", "My Photo"), ("tags", """["Nature"," landscape "]"""), ("group", "trips"));

        Assert.True(uploaded.GetProperty("success").GetBoolean());
        var id = uploaded.GetProperty("media_id").GetInt64();
        Assert.True(id > 0);
        Assert.Equal(["nature", "landscape"], uploaded.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("image", uploaded.GetProperty("type").GetString()); // from the bytes, not the .txt name
        var media = uploaded.GetProperty("media");
        Assert.Equal("My Photo", media.GetProperty("name").GetString());
        Assert.Equal("trips", media.GetProperty("group").GetString());
        Assert.Equal("image/png", media.GetProperty("content_type").GetString());
        Assert.Equal(32, media.GetProperty("width").GetInt32());

        using var file = await _host.Client.GetAsync(PathOf(uploaded.GetProperty("url").GetString()!), Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(png, await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("immutable", file.Headers.CacheControl!.ToString());

        var got = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key);
        Assert.Equal(id, got.GetProperty("media").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_are_stored_once_and_purge_deletes_the_blob_only_with_its_last_asset()
    {
        var key = await _host.UserAsync();
        var other = await _host.UserAsync();
        var png = Png(red: 11);
        var first = (await _host.UploadAsync(key, png)).GetProperty("media_id").GetInt64();
        var second = (await _host.UploadAsync(other, png)).GetProperty("media_id").GetInt64();
        var blobs = _host.Factory.Services.GetRequiredKeyedService<IBlobStore>("media");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.Single(Directory.GetFiles(((FileSystemBlobStore)blobs).Root, hash, SearchOption.AllDirectories));

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{first}/purge", key);
        Assert.True(await blobs.ExistsAsync(hash, Ct));

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{second}/purge", other);
        Assert.False(await blobs.ExistsAsync(hash, Ct));
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{second}", other, expected: 404);
    }

    [Fact]
    public async Task Another_accounts_media_is_a_404_on_every_route_and_nothing_changes()
    {
        var owner = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var id = (await _host.UploadAsync(owner, Png(), fields: [("tags", """["mine"]""")])).GetProperty("media_id").GetInt64();
        var collection = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections", owner, new { name = "c" }, 201)).GetProperty("collection").GetProperty("id").GetInt64();
        var folder = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", owner, new { name = "f" }, 201)).GetProperty("folder").GetProperty("id").GetInt64();

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{MediaApi}/{id}", null),
            (HttpMethod.Patch, $"{MediaApi}/{id}", new { name = "stolen" }),
            (HttpMethod.Patch, $"{MediaApi}/{id}/tags", new { tags = new[] { "x" }, action = "replace" }),
            (HttpMethod.Delete, $"{MediaApi}/{id}", null),
            (HttpMethod.Post, $"{MediaApi}/{id}/restore", null),
            (HttpMethod.Delete, $"{MediaApi}/{id}/purge", null),
            (HttpMethod.Post, $"{MediaApi}/bulk", new { ids = new[] { id }, action = "trash" }),
            (HttpMethod.Get, $"{MediaApi}/collections/{collection}", null),
            (HttpMethod.Post, $"{MediaApi}/collections/{collection}/items", new { ids = new[] { id } }),
            (HttpMethod.Post, $"{MediaApi}/collections/{collection}/share", new { @public = true }),
            (HttpMethod.Delete, $"{MediaApi}/collections/{collection}", null),
            (HttpMethod.Patch, $"{MediaApi}/folders/{folder}", new { name = "x" }),
            (HttpMethod.Delete, $"{MediaApi}/folders/{folder}", null),
        })
        {
            var json = await _host.JsonAsync(method, path, stranger, body, expected: 404);
            Assert.False(json.GetProperty("success").GetBoolean());
        }

        // The stranger's own collection cannot take the owner's media either.
        var mine = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections", stranger, new { name = "mine" }, 201)).GetProperty("collection").GetProperty("id").GetInt64();
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections/{mine}/items", stranger, new { ids = new[] { id } }, 404);
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", owner, new { folder_id = folder }); // the owner still can
        var search = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", stranger);
        Assert.Equal(0, search.GetProperty("total").GetInt64());

        var after = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", owner);
        Assert.Equal(["mine"], after.GetProperty("media").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_tampered_file_url_and_a_trashed_assets_url_are_404()
    {
        var key = await _host.UserAsync();
        var uploaded = await _host.UploadAsync(key, Png(red: 99));
        var path = PathOf(uploaded.GetProperty("url").GetString()!);
        var id = uploaded.GetProperty("media_id").GetInt64();
        var other = (await _host.UploadAsync(key, Png(red: 98))).GetProperty("media_id").GetInt64();

        using (var pointed = await _host.Client.GetAsync(path.Replace($"/m/{id}/", $"/m/{other}/", StringComparison.Ordinal), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, pointed.StatusCode);
        }

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{id}", key);
        using (var trashed = await _host.Client.GetAsync(path, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, trashed.StatusCode);
        }

        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/restore", key);
        using var restored = await _host.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task Bad_uploads_are_400s_in_the_ocean_shape_and_store_nothing()
    {
        var key = await _host.UserAsync();
        var cases = new (byte[] Bytes, string Name, (string, string)[] Fields)[]
        {
            ("<html><script>alert(1)</script></html>"u8.ToArray(), "page.png", []),
            (PngHeaderDeclaring(30_000, 30_000), "bomb.png", []),
            ([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "broken.png", []),
            (Png(), "ok.png", [("tags", "{not json")]),
            (Png(), "ok.png", [("tags", """["a\u0001"]""")]),
            (Png(), "ok.png", [("folder_id", "abc")]),
            (Png(), "ok.png", [("folder_id", "999999")]),
            (Png(), "ok.png", [("tags", JsonSerializer.Serialize(Enumerable.Range(0, 60).Select(i => "t" + i)))]),
        };
        foreach (var (bytes, name, fields) in cases)
        {
            using var response = await _host.UploadRawAsync(key, bytes, name, fields);
            var json = await response.ReadJsonAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: {(int)response.StatusCode} {json}");
            Assert.False(json.GetProperty("success").GetBoolean());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
        }

        var list = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        var root = ((FileSystemBlobStore)_host.Factory.Services.GetRequiredKeyedService<IBlobStore>("media")).Root;
        Assert.Empty(Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : []);

        using var missingFile = await _host.SendAsync(HttpMethod.Post, $"{MediaApi}/upload", key, new { name = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missingFile.StatusCode);
        using var noKey = await _host.UploadRawAsync(null, Png(), "a.png");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.False((await noKey.ReadJsonAsync()).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Search_finds_by_words_tag_group_type_and_folder_and_pages_with_a_total()
    {
        var key = await _host.UserAsync();
        var folder = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "Beach" }, 201)).GetProperty("folder").GetProperty("id").GetInt64();
        var sunset = (await _host.UploadAsync(key, Png(red: 1), "a.png", ("name", "Sunset over the beach"), ("tags", """["orange"]"""), ("folder_id", folder.ToString(System.Globalization.CultureInfo.InvariantCulture)))).GetProperty("media_id").GetInt64();
        var forest = (await _host.UploadAsync(key, Png(red: 2), "b.png", ("name", "Forest walk"), ("tags", """["green","sunlight"]"""), ("group", "hikes"))).GetProperty("media_id").GetInt64();
        var pdf = (await _host.UploadAsync(key, "%PDF-1.4\n%%EOF\n"u8.ToArray(), "doc.bin", ("name", "Beach report"))).GetProperty("media_id").GetInt64();

        async Task<long[]> Ids(string query) =>
            [.. (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?{query}", key)).GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];

        Assert.Equal(new[] { sunset, pdf }.Order().ToArray(), (await Ids("q=beach")).Order().ToArray());
        Assert.Equal([sunset], await Ids("q=sun%20bea"));
        Assert.Equal([forest], await Ids("q=sunl"));
        Assert.Equal([forest], await Ids("tag=GREEN"));
        Assert.Equal([forest], await Ids("group=hikes"));
        Assert.Equal([pdf], await Ids("type=document"));
        Assert.Equal([sunset], await Ids($"folder_id={folder}"));
        Assert.Equal([sunset], await Ids("q=beach&type=image"));
        Assert.Empty(await Ids("q=%22%29%20OR%201%3D1%20--"));

        var page = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list?limit=2&offset=0", key);
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("media").GetArrayLength());
        Assert.Equal(pdf, page.GetProperty("media")[0].GetProperty("id").GetInt64()); // newest first
        var clamped = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list?limit=5000", key);
        Assert.Equal(200, clamped.GetProperty("limit").GetInt32());

        foreach (var bad in new[] { "limit=abc", "limit=0", "offset=-1", "type=audio", "folder_id=x" })
        {
            var error = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?{bad}", key, expected: 400);
            Assert.False(error.GetProperty("success").GetBoolean());
        }
    }

    [Fact]
    public async Task Tags_add_remove_replace_and_metadata_patch_keep_what_is_left_out()
    {
        var key = await _host.UserAsync();
        var id = (await _host.UploadAsync(key, Png(), fields: [("tags", """["a","b"]""")])).GetProperty("media_id").GetInt64();

        async Task<string?[]> Tags(object body) =>
            [.. (await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}/tags", key, body)).GetProperty("tags").EnumerateArray().Select(t => t.GetString())];

        Assert.Equal(["a", "b", "c"], await Tags(new { tags = new[] { "c", "A" } }));
        Assert.Equal(["a", "c"], await Tags(new { tags = new[] { "b" }, action = "remove" }));
        Assert.Equal(["z"], await Tags(new { tags = new[] { "z" }, action = "replace" }));
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}/tags", key, new { tags = new[] { "z" }, action = "shuffle" }, 400);
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}/tags", key, new { tags = "z" }, 400);

        var patched = await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", key, new { name = "<b>Renamed</b>", group = "g" });
        Assert.Equal("<b>Renamed</b>", patched.GetProperty("media").GetProperty("name").GetString());
        var cleared = await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", key, new { group = (string?)null });
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("media").GetProperty("group").ValueKind);
        Assert.Equal("<b>Renamed</b>", cleared.GetProperty("media").GetProperty("name").GetString());
        Assert.Equal(["z"], cleared.GetProperty("media").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", key, new { name = "" }, 400);
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", key, "[1,2]", 400);
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/{id}", key, new { folder_id = 424242 }, 404);
    }

    [Fact]
    public async Task Trash_restore_and_the_trash_list()
    {
        var key = await _host.UserAsync();
        var id = (await _host.UploadAsync(key, Png())).GetProperty("media_id").GetInt64();

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{id}", key);
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key)).GetProperty("total").GetInt64());
        var trash = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/trash", key);
        Assert.Equal(id, trash.GetProperty("media")[0].GetProperty("id").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, trash.GetProperty("media")[0].GetProperty("trashed_at").ValueKind);
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key, expected: 404);

        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/restore", key);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/restore", key, expected: 404);
        Assert.Equal(1, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_trash_is_emptied_after_its_retention()
    {
        await using var host = Start(factory => factory.With("Tessera:Media:TrashRetention", "00:00:00.100"));
        var key = await host.UserAsync();
        var id = (await host.UploadAsync(key, Png(red: 5))).GetProperty("media_id").GetInt64();
        await host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{id}", key);
        await Task.Delay(200, Ct);

        var purged = await host.Factory.Services.GetRequiredService<Tessera.Media.MediaTrashSweeper>().SweepAsync(Ct);

        Assert.Equal(1, purged);
        Assert.Equal(0, (await host.JsonAsync(HttpMethod.Get, $"{MediaApi}/trash", key)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Bulk_is_all_or_nothing_over_the_callers_own_media_and_reports_per_id()
    {
        var key = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var a = (await _host.UploadAsync(key, Png(red: 1))).GetProperty("media_id").GetInt64();
        var b = (await _host.UploadAsync(key, Png(red: 2))).GetProperty("media_id").GetInt64();
        var theirs = (await _host.UploadAsync(stranger, Png(red: 3))).GetProperty("media_id").GetInt64();

        var refused = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a, b, theirs }, action = "trash" }, 404);
        Assert.Contains(theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.GetProperty("error").GetString());
        Assert.Equal(2, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key)).GetProperty("total").GetInt64());

        var tagged = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a, b }, action = "tag", tags = new[] { "approved" } });
        Assert.Equal(2, tagged.GetProperty("count").GetInt32());
        Assert.All(tagged.GetProperty("results").EnumerateArray(), r => Assert.Equal("tagged", r.GetProperty("status").GetString()));
        Assert.Equal(2, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?tag=approved", key)).GetProperty("total").GetInt64());

        var folder = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "f" }, 201)).GetProperty("folder").GetProperty("id").GetInt64();
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a, b }, action = "move", folder_id = folder });
        Assert.Equal(2, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/folders", key)).GetProperty("folders")[0].GetProperty("count").GetInt64());

        var listed = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { b }, action = "list" });
        Assert.Equal(b, listed.GetProperty("media")[0].GetProperty("id").GetInt64());
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a, b }, action = "trash" });
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a }, action = "restore" });
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a, b }, action = "purge" });
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/trash", key)).GetProperty("total").GetInt64());
        Assert.Equal(0, (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key)).GetProperty("total").GetInt64());

        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = Array.Empty<long>(), action = "trash" }, 400);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new[] { a }, action = "explode" }, 400);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = Enumerable.Range(1, 501).ToArray(), action = "list" }, 400);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/bulk", key, new { ids = new object[] { "1" }, action = "list" }, 400);
    }

    [Fact]
    public async Task Folders_have_unique_names_and_deleting_one_keeps_its_media()
    {
        var key = await _host.UserAsync();
        var folder = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "Work" }, 201)).GetProperty("folder").GetProperty("id").GetInt64();
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "Work" }, 409);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "  " }, 400);
        var other = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", key, new { name = "Play" }, 201)).GetProperty("folder").GetProperty("id").GetInt64();
        await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/folders/{other}", key, new { name = "Work" }, 409);
        var renamed = await _host.JsonAsync(HttpMethod.Patch, $"{MediaApi}/folders/{other}", key, new { name = "Games" });
        Assert.Equal("Games", renamed.GetProperty("folder").GetProperty("name").GetString());

        var id = (await _host.UploadAsync(key, Png(), fields: [("folder_id", folder.ToString(System.Globalization.CultureInfo.InvariantCulture))])).GetProperty("media_id").GetInt64();
        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/folders/{folder}", key);

        var media = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key);
        Assert.Equal(JsonValueKind.Null, media.GetProperty("media").GetProperty("folder_id").ValueKind);
        Assert.Equal(["Games"], (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/folders", key)).GetProperty("folders").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_shared_collection_opens_as_a_gallery_with_its_password_only_and_unsharing_closes_it()
    {
        var key = await _host.UserAsync();
        var id = (await _host.UploadAsync(key, Png(red: 77), "sea.png", ("name", "Sea"))).GetProperty("media_id").GetInt64();
        var collection = (await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections", key, new { name = "Best", description = "picks" }, 201)).GetProperty("collection").GetProperty("id").GetInt64();
        var withItems = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections/{collection}/items", key, new { ids = new[] { id, id } });
        Assert.Equal(1, withItems.GetProperty("items").GetArrayLength());

        var shared = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections/{collection}/share", key, new { @public = true, password = "secret123" });
        var token = shared.GetProperty("share_token").GetString()!;
        Assert.Equal($"/ocean/gallery/{token}", shared.GetProperty("share_url").GetString());

        var locked = await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/gallery/{token}", null, expected: 401);
        Assert.Equal("password_required", locked.GetProperty("code").GetString());
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, $"/ocean/api/gallery/{token}"))
        {
            wrong.Headers.Add("X-Gallery-Password", "nope");
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.SendAsync(wrong, Ct)).StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Get, $"/ocean/api/gallery/{token}");
        right.Headers.Add("X-Gallery-Password", "secret123");
        using var opened = await _host.Client.SendAsync(right, Ct);
        var gallery = await opened.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Best", gallery.GetProperty("gallery").GetProperty("name").GetString());
        var item = gallery.GetProperty("items")[0];
        Assert.Equal("Sea", item.GetProperty("name").GetString());
        Assert.Equal(Png(red: 77), await _host.Client.GetByteArrayAsync(PathOf(item.GetProperty("url").GetString()!), Ct));

        // The password is not stored in clear.
        await using (var connection = await _host.Factory.Services.GetRequiredService<TesseraDatabase>().OpenAsync(Ct))
        {
            var stored = (string)(await connection.Command("SELECT share_password FROM media_collections WHERE id = @id").With("@id", collection).ExecuteScalarAsync(Ct))!;
            Assert.DoesNotContain("secret123", stored, StringComparison.Ordinal);
        }

        var again = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections/{collection}/share", key, new { @public = true });
        Assert.Equal(token, again.GetProperty("share_token").GetString());
        await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/gallery/{token}", null); // no password any more
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/collections/{collection}/share", key, new { @public = false });
        await _host.JsonAsync(HttpMethod.Get, $"/ocean/api/gallery/{token}", null, expected: 404);
        await _host.JsonAsync(HttpMethod.Get, "/ocean/api/gallery/not-a-token", null, expected: 404);

        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/collections/{collection}", key);
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/collections/{collection}", key, expected: 404);
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key);
    }

    [Fact]
    public async Task The_key_may_come_as_bearer_or_as_the_bodys_api_key_and_a_key_without_the_media_scope_is_403()
    {
        var key = await _host.UserAsync();
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, $"{MediaApi}/list"))
        {
            bearer.Headers.Authorization = new("Bearer", key);
            Assert.Equal(HttpStatusCode.OK, (await _host.Client.SendAsync(bearer, Ct)).StatusCode);
        }

        var created = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/folders", null, new { name = "via body", api_key = key }, 201);
        Assert.Equal("via body", created.GetProperty("folder").GetProperty("name").GetString());

        var canvasOnly = await _host.UserAsync(new { name = "canvas key", scopes = new[] { "canvas" } });
        var refused = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", canvasOnly, expected: 403);
        Assert.False(refused.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task The_burst_limit_answers_429_in_the_ocean_shape()
    {
        await using var host = Start(factory => factory.With("Tessera:RateLimits:Policies:ocean-burst:0:Limit", "3"));
        var key = await host.UserAsync();
        for (var i = 0; i < 3; i++)
        {
            await host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key);
        }

        using var response = await host.SendAsync(HttpMethod.Get, $"{MediaApi}/list", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.False((await response.ReadJsonAsync()).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_mirror_url_is_recorded_on_the_callers_asset_only_and_must_be_https()
    {
        var key = await _host.UserAsync();
        var stranger = await _host.UserAsync();
        var id = (await _host.UploadAsync(key, Png())).GetProperty("media_id").GetInt64();

        var mirrored = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/mirror", key, new { media_id = id, mirror_url = "https://cdn.example.com/a.png" });
        Assert.Equal("https://cdn.example.com/a.png", mirrored.GetProperty("mirror_url").GetString());
        Assert.Equal("https://cdn.example.com/a.png", (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key)).GetProperty("media").GetProperty("mirror_url").GetString());

        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/mirror", stranger, new { media_id = id, mirror_url = "https://evil.example/x" }, 404);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/mirror", key, new { media_id = id, mirror_url = "javascript:alert(1)" }, 400);
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/mirror", key, new { mirror_url = "https://cdn.example.com/a.png" }, 400);
    }

    /// <summary>A valid PNG signature and IHDR declaring <paramref name="width"/>×<paramref name="height"/>, and no pixels.</summary>
    private static byte[] PngHeaderDeclaring(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a test builds two chunks, speed does not matter.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
