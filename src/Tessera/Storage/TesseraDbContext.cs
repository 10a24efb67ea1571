using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tessera.Storage;

/// <summary>
/// One EF Core model for both providers. Each module adds its entities through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in its own folder; the schema itself comes from the
/// modules' SQL migrations (see <see cref="MigrationRunner"/>), so the model only maps onto it.
/// </summary>
public sealed class TesseraDbContext(DbContextOptions<TesseraDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TesseraDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are bigint epoch milliseconds in every table, so hand-written SQL is the same on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<EpochMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<EpochMillisecondsConverter>();
    }

    private sealed class EpochMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));
}
