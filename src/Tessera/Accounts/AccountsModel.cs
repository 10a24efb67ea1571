using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tessera.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(account => account.Id);
        builder.Property(account => account.Id).HasColumnName("id");
        builder.Property(account => account.Name).HasColumnName("name");
        builder.Property(account => account.Kind).HasColumnName("kind");
        builder.Property(account => account.Status).HasColumnName("status");
        builder.Property(account => account.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).HasColumnName("id");
        builder.Property(key => key.AccountId).HasColumnName("account_id");
        builder.Property(key => key.ParentKeyId).HasColumnName("parent_key_id");
        builder.Property(key => key.Name).HasColumnName("name");
        builder.Property(key => key.Prefix).HasColumnName("prefix");
        builder.Property(key => key.Hash).HasColumnName("hash");
        builder.Property(key => key.Scopes).HasColumnName("scopes");
        builder.Property(key => key.Status).HasColumnName("status");
        builder.Property(key => key.DeactivatedBy).HasColumnName("deactivated_by");
        builder.Property(key => key.CreditLimit).HasColumnName("credit_limit");
        builder.Property(key => key.Used).HasColumnName("used");
        builder.Property(key => key.ExpiresAt).HasColumnName("expires_at");
        builder.Property(key => key.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(agent => agent.AccountId);
        builder.Property(agent => agent.AccountId).HasColumnName("account_id");
        builder.Property(agent => agent.FingerprintHash).HasColumnName("fingerprint_hash");
        builder.Property(agent => agent.PublicKey).HasColumnName("public_key");
        builder.Property(agent => agent.CreatedAt).HasColumnName("created_at");
    }
}
