using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Jobs;
using Tessera.Storage;
using Tessera.Tests.Support;
using Tessera.Tests.Surfaces.BillionSatoshi;
using Tessera.Tests.Surfaces.PixelDojo;
using static Tessera.Tests.Jobs.JobsTestHost;

namespace Tessera.Tests.Storage;

/// <summary>
/// What a copy of the database gives away (issue #11 item 6): recoverable secrets are ciphertext under a key kept outside
/// it, verification answers are keyed hashes, and the two attacks of the report (a forged file link, an unpaid
/// placement activated with a preimage read from the database) fail.
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string Api = "/dojo/api/v1";

    [Fact]
    public async Task A_file_link_forged_with_the_stored_signing_key_is_refused()
    {
        await using var factory = Create();
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        await factory.WaitTerminalAsync(job.Id);
        var genuine = new Uri(factory.Services.GetRequiredService<OutputUrls>().Sign(job.Id, 0, TimeSpan.FromHours(1))).PathAndQuery;
        using (var ok = await factory.CreateClient().GetAsync(genuine, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var stored = await factory.Database.ScalarAsync("SELECT value FROM job_settings WHERE name = 'output_signing_key'");
        Assert.StartsWith("enc1:", stored);

        // The attacker's link: valid until 2100, signed with whatever the database holds.
        const long Until2100 = 4_102_444_800;
        var signature = WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(stored!), Encoding.UTF8.GetBytes($"{job.Id}/0/{Until2100}")));
        using var forged = await factory.CreateClient().GetAsync($"/files/{job.Id}/0?exp={Until2100}&sig={signature}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task A_preimage_read_from_the_database_does_not_activate_an_unpaid_placement()
    {
        await using var host = BsapHost.Create();
        var pending = await host.ReserveAsync(0, 0, 20, "?flow=invoice");
        var id = pending.GetProperty("id").GetString()!;
        var hash = pending.GetProperty("payment").GetProperty("paymentHash").GetString()!;

        // The attacker presents what the database holds for the invoice as its preimage.
        var stored = await host.Factory.Database.ScalarAsync($"SELECT preimage FROM payments_dev_invoices WHERE payment_hash = '{hash}'");
        using var confirm = await host.Client.PostAsync($"/bsap/api/placements/{id}/confirm",
            new StringContent($$"""{"preimage":"{{stored}}"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal("pending_payment", (await host.StatusAsync(id)).GetProperty("status").GetString());
        Assert.StartsWith("enc1:", stored);

        // The wallet still pays it, and the real preimage still activates it.
        var preimage = await host.PayAsync(pending.GetProperty("payment").GetProperty("lightningInvoice").GetString()!);
        using var paid = await host.Client.PostAsync($"/bsap/api/placements/{id}/confirm",
            new StringContent($$"""{"preimage":"{{preimage}}"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.DoesNotContain(preimage, await host.Factory.Database.ScalarAsync($"SELECT preimage FROM payments_dev_invoices WHERE payment_hash = '{hash}'"));
    }

    [Fact]
    public async Task Every_recoverable_secret_column_holds_ciphertext_and_answers_hold_keyed_hashes()
    {
        await using var host = BsapHost.Create(configure: factory => DojoHost.Configure(factory));
        var pending = await host.PostPlacementAsync(0, 0, 20); // 402: makes the MPP challenge key and an invoice
        Assert.Equal(HttpStatusCode.PaymentRequired, pending.StatusCode);
        var (_, key) = await host.Factory.CreateUserAsync();
        var secret = (await (await host.Client.GetWithKeyAsync($"{Api}/webhook/secret", key)).ReadJsonAsync()).GetProperty("key").GetString()!;
        Assert.StartsWith("whsec_", secret);
        using (var verify = await host.Client.PostAsync("/bsap/api/verify/start", null, Ct))
        {
            Assert.True(verify.IsSuccessStatusCode, await verify.Content.ReadAsStringAsync(Ct));
        }

        var database = host.Factory.Database;
        var webhook = Assert.Single(await database.ColumnAsync("SELECT secret FROM webhook_secrets"));
        Assert.StartsWith("enc1:", webhook);
        Assert.DoesNotContain(secret["whsec_".Length..], webhook);
        Assert.StartsWith("enc1:", await database.ScalarAsync("SELECT private_key FROM payments_dev_node"));
        Assert.StartsWith("enc1:", await database.ScalarAsync("SELECT value FROM payments_settings WHERE name = 'mpp_challenge_key'"));
        Assert.All(await database.ColumnAsync("SELECT preimage FROM payments_dev_invoices"), value => Assert.StartsWith("enc1:", value));
        var answers = await database.ColumnAsync("SELECT expected FROM verification_challenges");
        Assert.Equal(3, answers.Count);
        Assert.All(answers, value => Assert.StartsWith("hmac1:", value));
    }

    [Fact]
    public async Task A_server_with_another_key_starts_and_answers_secret_unavailable_where_the_secret_is_used()
    {
        await using var database = TestDatabase.Create();
        string key;
        await using (var first = DojoHost.Configure(new TesseraFactory(database)).With("Tessera:SecretKey", NewKey()))
        {
            (_, key) = await first.CreateUserAsync();
            using var made = await first.CreateClient().GetWithKeyAsync($"{Api}/webhook/secret", key);
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        }

        await using var second = DojoHost.Configure(new TesseraFactory(database)).With("Tessera:SecretKey", NewKey());
        var client = second.CreateClient();
        using (var health = await client.GetAsync("/healthz", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var secret = await client.GetWithKeyAsync($"{Api}/webhook/secret", key);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, secret.StatusCode);
        Assert.Equal("secret_unavailable", await secret.ErrorCodeAsync());
    }

    [Fact]
    public async Task After_a_rotation_the_previous_key_still_opens_old_secrets_which_are_re_encrypted_under_the_new_one()
    {
        await using var database = TestDatabase.Create();
        var (oldKey, newKey) = (NewKey(), NewKey());
        string key, secret;
        await using (var first = DojoHost.Configure(new TesseraFactory(database)).With("Tessera:SecretKey", oldKey))
        {
            (_, key) = await first.CreateUserAsync();
            secret = await SecretAsync(first, key);
        }

        var before = await database.ScalarAsync("SELECT secret FROM webhook_secrets");
        await using var rotated = DojoHost.Configure(new TesseraFactory(database)).With("Tessera:SecretKey", newKey).With("Tessera:SecretKeys:Previous", oldKey);
        Assert.Equal(secret, await SecretAsync(rotated, key));

        var after = await database.ScalarAsync("SELECT secret FROM webhook_secrets");
        Assert.NotEqual(KeyIdOf(before!), KeyIdOf(after!));
    }

    [Fact]
    public async Task Clear_secrets_from_before_the_upgrade_keep_working_and_are_encrypted_at_start()
    {
        await using var database = TestDatabase.Create();
        string key;
        const string ClearSecret = "whsec_dGhpcyB3YXMgc3RvcmVkIGluIGNsZWFyIGJ5IGFuIG9sZCB2ZXJzaW9u";
        await using (var first = DojoHost.Configure(new TesseraFactory(database)))
        {
            (_, key) = await first.CreateUserAsync();
            await SecretAsync(first, key);
        }

        // The database as the previous version left it: the secret in clear.
        await database.ExecuteAsync($"UPDATE webhook_secrets SET secret = '{ClearSecret}'");

        await using var upgraded = DojoHost.Configure(new TesseraFactory(database));
        Assert.Equal(ClearSecret, await SecretAsync(upgraded, key));
        var stored = await database.ScalarAsync("SELECT secret FROM webhook_secrets");
        Assert.StartsWith("enc1:", stored);
    }

    [Fact]
    public async Task Without_a_configured_key_a_key_file_is_made_once_and_reused()
    {
        await using var database = TestDatabase.Create();
        string key, secret;
        await using (var first = DojoHost.Configure(new TesseraFactory(database)))
        {
            (_, key) = await first.CreateUserAsync();
            secret = await SecretAsync(first, key);
        }

        var keyFile = Path.Combine(database.DataDirectory, "keys", "secret.key");
        var text = await File.ReadAllTextAsync(keyFile, Ct);
        Assert.Equal(32, Convert.FromBase64String(text.Trim()).Length);

        await using var again = DojoHost.Configure(new TesseraFactory(database));
        Assert.Equal(secret, await SecretAsync(again, key));
        Assert.Equal(text, await File.ReadAllTextAsync(keyFile, Ct));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_database_blobs_and_key_are_owner_only()
    {
        await using var database = TestDatabase.Create();
        // An older version left the directory world-readable.
        File.SetUnixFileMode(database.DataDirectory, (UnixFileMode)0b111_101_101);
        await using var factory = Create(database);
        var account = await factory.FundedAccountAsync(10);
        var job = await factory.SubmitOkAsync(new JobSubmission(account, "dojo", "ok", Input()));
        await factory.WaitTerminalAsync(job.Id);

        var data = database.DataDirectory;
        Assert.Equal(OwnerOnlyFiles.OwnerDirectory, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFiles.OwnerDirectory, File.GetUnixFileMode(Path.Combine(data, "keys")));
        Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(Path.Combine(data, "keys", "secret.key")));
        Assert.Equal(OwnerOnlyFiles.OwnerDirectory, File.GetUnixFileMode(Path.Combine(data, "blobs")));
        var blobs = Directory.GetFiles(Path.Combine(data, "blobs"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(blobs);
        Assert.All(blobs, blob => Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(blob)));
        Assert.All(Directory.GetDirectories(Path.Combine(data, "blobs"), "*", SearchOption.AllDirectories),
            directory => Assert.Equal(OwnerOnlyFiles.OwnerDirectory, File.GetUnixFileMode(directory)));
        if (!database.IsPostgres)
        {
            foreach (var file in (string[])["tessera.db", "tessera.db-wal", "tessera.db-shm"])
            {
                Assert.True(File.Exists(Path.Combine(data, file)), file);
                Assert.Equal(OwnerOnlyFiles.OwnerFile, File.GetUnixFileMode(Path.Combine(data, file)));
            }
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string KeyIdOf(string stored) => stored.Split(':')[1];

    private static async Task<string> SecretAsync(TesseraFactory factory, string key)
    {
        using var response = await factory.CreateClient().GetWithKeyAsync($"{Api}/webhook/secret", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }
}
