using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>A new anonymous agent: its account, its private key (an ordinary API key) and its public key (the promo code).</summary>
public sealed record CreatedAgent(Account Account, Agent Agent, string PrivateKey);

/// <summary>
/// Anonymous agents: a client fingerprint makes exactly one agent account. The fingerprint is stored only as a
/// SHA-256, and a second create with a known fingerprint is refused without revealing the first agent's key.
/// </summary>
public sealed class AgentService(TesseraDbContext db, ApiKeyService keys, TimeProvider time)
{
    public const string PrivateKeyPrefix = "agent_sk_";
    public const int MaxFingerprintLength = 512;

    public async Task<Result<CreatedAgent>> CreateAsync(string? fingerprint, CancellationToken cancellationToken = default)
    {
        fingerprint = fingerprint?.Trim();
        if (string.IsNullOrEmpty(fingerprint) || fingerprint.Length > MaxFingerprintLength)
        {
            return Error.Validation($"fingerprint is required and at most {MaxFingerprintLength} characters.");
        }

        var fingerprintHash = HashFingerprint(fingerprint);
        if (await db.Set<Agent>().AnyAsync(agent => agent.FingerprintHash == fingerprintHash, cancellationToken))
        {
            return AgentExists();
        }

        var now = time.GetUtcNow();
        var publicKey = Ids.New("pk_", 20);
        var account = new Account { Id = Ids.New("acc_"), Name = "agent " + publicKey, Kind = AccountKind.Agent, CreatedAt = now };
        var agent = new Agent { AccountId = account.Id, FingerprintHash = fingerprintHash, PublicKey = publicKey, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(account);
        db.Add(agent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two creates with one fingerprint raced; the unique index let one through.
            return AgentExists();
        }

        // The account, the agent and its key commit together: no agent is ever left without its private key.
        var key = await keys.CreateAsync(KeyIssuer.Operator, account.Id, "agent private key", KeyTerms.AsIssuer, PrivateKeyPrefix, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedAgent(account, agent, key.Value.Text);
    }

    public Task<Agent?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default) =>
        db.Set<Agent>().AsNoTracking().FirstOrDefaultAsync(agent => agent.PublicKey == publicKey, cancellationToken);

    public Task<Agent?> FindByAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        db.Set<Agent>().AsNoTracking().FirstOrDefaultAsync(agent => agent.AccountId == accountId, cancellationToken);

    public Task<Agent?> FindByFingerprintAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        var hash = HashFingerprint(fingerprint.Trim());
        return db.Set<Agent>().AsNoTracking().FirstOrDefaultAsync(agent => agent.FingerprintHash == hash, cancellationToken);
    }

    private static Error AgentExists() => Error.Conflict("agent_exists", "An agent already exists for this fingerprint; recover it with its private key.");

    /// <summary>How a fingerprint is stored (hex SHA-256 of its UTF-8), here and by the referral views that compare with it.</summary>
    public static string HashFingerprint(string fingerprint) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)));
}
