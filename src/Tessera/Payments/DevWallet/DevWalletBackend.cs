using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Payments.Bolt11;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Payments.DevWallet;

/// <summary>
/// The default invoice backend: a regtest Lightning node that lives in the database. It makes real, signed
/// <c>lnbcrt</c> invoices whose payment hash is SHA-256 of a random preimage, and the operator "pays" them with
/// <see cref="PayAsync"/> (<c>POST /admin/v1/lightning/pay</c>, <c>tessera admin pay</c>), which reveals the preimage
/// exactly as a real payment would. Every node shares the key and the invoices, so any node can pay or watch any invoice.
/// </summary>
public sealed class DevWalletBackend(
    TesseraDatabase database, DevNode node, ISecretProtector protector, TimeProvider time, IOptions<LightningOptions> options, ILogger<DevWalletBackend> logger)
    : IInvoiceBackend
{
    /// <summary>
    /// Preimages are stored encrypted: this wallet must reveal one when it "pays", but a reader of the database must not
    /// learn an unpaid invoice's preimage, which would prove a payment that never happened (docs/secrets.md).
    /// </summary>
    internal const string PreimagePurpose = "payments.dev_invoice_preimage";

    private const int WatchBatch = 500;

    // A d field holds at most 639 bytes; a longer description is committed to by its hash (the h field) instead.
    private const int MaxInlineDescriptionBytes = 639;

    public string Name => LightningOptions.DevBackend;

    public async Task<CreatedInvoice> CreateInvoiceAsync(long amountMsat, string description, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountMsat);
        ArgumentNullException.ThrowIfNull(description);
        var expirySeconds = Math.Max(1, (long)expiry.TotalSeconds);
        var (privateKey, _) = await node.GetKeyAsync(cancellationToken);

        var preimage = RandomNumberGenerator.GetBytes(32);
        var paymentHash = Convert.ToHexStringLower(SHA256.HashData(preimage));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var inline = Encoding.UTF8.GetByteCount(description) <= MaxInlineDescriptionBytes;
        var invoice = new Bolt11Invoice
        {
            Network = Bolt11Network.Regtest,
            AmountMsat = amountMsat > 0 ? amountMsat : null,
            Timestamp = timestamp,
            PaymentHash = paymentHash,
            PaymentSecret = secret,
            Description = inline ? description : null,
            DescriptionHash = inline ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description))),
            Expiry = TimeSpan.FromSeconds(expirySeconds),
            Features = [Bolt11Features.VarOnionOptin, Bolt11Features.PaymentSecret],
        };
        var bolt11 = Bolt11Codec.Encode(invoice, privateKey);

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
                INSERT INTO payments_dev_invoices (payment_hash, preimage, payment_secret, bolt11, amount_msat, description, created_at, expires_at)
                VALUES (@hash, @preimage, @secret, @bolt11, @amount, @description, @created, @expires)
                """)
            .With("@hash", paymentHash)
            .With("@preimage", protector.Protect(Convert.ToHexStringLower(preimage), PreimagePurpose))
            .With("@secret", secret)
            .With("@bolt11", bolt11)
            .With("@amount", amountMsat)
            .With("@description", description)
            .With("@created", time.GetUtcNow().ToUnixTimeMilliseconds())
            .With("@expires", invoice.ExpiresAt.ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        Log.DevInvoiceCreated(logger, paymentHash, amountMsat);
        return new CreatedInvoice(bolt11, paymentHash, invoice.ExpiresAt);
    }

    /// <summary>
    /// Pays an invoice this wallet made: checks its signature and payee, then settles it once (a conditional UPDATE, so
    /// two nodes paying at the same moment settle it once) and returns the preimage. Refuses malformed (400), unknown or
    /// foreign (404), already paid (409) and expired (410) invoices.
    /// </summary>
    public async Task<Result<DevPayment>> PayAsync(string bolt11, CancellationToken cancellationToken = default)
    {
        var decoded = Bolt11Codec.Decode(bolt11 ?? "");
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var invoice = decoded.Value;
        var (_, publicKey) = await node.GetKeyAsync(cancellationToken);
        if (invoice.PayeePubKey != publicKey)
        {
            return DevWalletErrors.NotOurs(invoice.PayeePubKey);
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken))
        {
            if (!database.IsSqlite)
            {
                // Settlements take turns on the node row, so settle_seq is handed out in commit order and a watcher
                // reading "after the last number I saw" never skips a settlement that commits late.
                await connection.Command("SELECT id FROM payments_dev_node WHERE id = 1 FOR UPDATE", transaction).ExecuteAndDisposeAsync(cancellationToken);
            }

            DevPayment? payment = null;
            await using (var settle = await connection.Command("""
                    UPDATE payments_dev_invoices
                    SET settled_at = @now, settle_seq = (SELECT COALESCE(MAX(settle_seq), 0) + 1 FROM payments_dev_invoices)
                    WHERE payment_hash = @hash AND settled_at IS NULL AND expires_at > @now
                    RETURNING preimage, amount_msat
                    """, transaction)
                .With("@now", now.ToUnixTimeMilliseconds())
                .With("@hash", invoice.PaymentHash)
                .ExecuteReaderAsync(cancellationToken))
            {
                if (await settle.ReadAsync(cancellationToken))
                {
                    payment = new DevPayment(protector.Unprotect(settle.GetString(0), PreimagePurpose), invoice.PaymentHash, settle.GetInt64(1));
                }
            }

            if (payment is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                Log.DevInvoicePaid(logger, payment.PaymentHash, payment.AmountMsat);
                return payment;
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        return await WhyNotPayableAsync(connection, invoice.PaymentHash, cancellationToken);
    }

    public async Task<InvoiceState?> LookupAsync(string paymentHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT preimage, amount_msat, settled_at FROM payments_dev_invoices WHERE payment_hash = @hash")
            .With("@hash", paymentHash.ToLowerInvariant())
            .ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var settledAt = reader.IsDBNull(2) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        // The dev wallet pays exactly the invoice's amount (PayAsync): a settled invoice received its amount.
        var amountMsat = reader.GetInt64(1);
        return new InvoiceState(paymentHash.ToLowerInvariant(), settledAt is not null, settledAt is null ? null : protector.Unprotect(reader.GetString(0), PreimagePurpose), settledAt, amountMsat,
            settledAt is null ? 0 : amountMsat);
    }

    /// <summary>Settlements made from now on, by any node: polls for rows numbered after the last one seen.</summary>
    public async IAsyncEnumerable<InvoiceSettlement> WatchSettlementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long mark;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            mark = await connection.Command("SELECT COALESCE(MAX(settle_seq), 0) FROM payments_dev_invoices").ScalarLongAndDisposeAsync(cancellationToken);
        }

        while (true)
        {
            var batch = await ReadSettlementsAfterAsync(mark, cancellationToken);
            foreach (var (seq, settlement) in batch)
            {
                mark = seq;
                yield return settlement;
            }

            if (batch.Count < WatchBatch)
            {
                await Task.Delay(options.Value.Dev.PollInterval, time, cancellationToken);
            }
        }
    }

    private async Task<List<(long Seq, InvoiceSettlement Settlement)>> ReadSettlementsAfterAsync(long mark, CancellationToken cancellationToken)
    {
        var batch = new List<(long, InvoiceSettlement)>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"""
                SELECT settle_seq, payment_hash, preimage, settled_at FROM payments_dev_invoices
                WHERE settle_seq > @mark ORDER BY settle_seq LIMIT {WatchBatch}
                """)
            .With("@mark", mark)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add((reader.GetInt64(0), new InvoiceSettlement(reader.GetString(1), SettledPreimage(reader.GetString(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))));
        }

        return batch;
    }

    // The stream reports a settlement whether or not its preimage can be opened: a watcher needs the hash, and one stored
    // secret under a missing key must not stop every later settlement from being seen.
    private string? SettledPreimage(string stored)
    {
        try
        {
            return protector.Unprotect(stored, PreimagePurpose);
        }
        catch (SecretUnavailableException)
        {
            return null;
        }
    }

    private async Task<Error> WhyNotPayableAsync(DbConnection connection, string paymentHash, CancellationToken cancellationToken)
    {
        await using var reader = await connection.Command("SELECT settled_at, expires_at FROM payments_dev_invoices WHERE payment_hash = @hash")
            .With("@hash", paymentHash)
            .ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return DevWalletErrors.Unknown(paymentHash);
        }

        return reader.IsDBNull(0) ? DevWalletErrors.Expired(paymentHash) : DevWalletErrors.AlreadyPaid(paymentHash);
    }
}
