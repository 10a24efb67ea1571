using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tessera.Storage.Secrets;

namespace Tessera.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the database (SQLite by default, PostgreSQL by connection string) and applies migrations at start.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        builder.Services.AddOptions<SecretKeyOptions>().BindConfiguration(SecretKeyOptions.Section);
        builder.Services.AddSingleton<SecretKeyRing>();
        builder.Services.AddSingleton<ISecretProtector, SecretProtector>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var (provider, connectionString) = ConnectionStrings.Resolve(options);
            return new TesseraDatabase(provider, connectionString);
        });
        builder.Services.AddDbContextPool<TesseraDbContext>((services, options) =>
        {
            var database = services.GetRequiredService<TesseraDatabase>();
            if (database.IsSqlite)
            {
                options.UseSqlite(database.ConnectionString);
                options.AddInterceptors(SqlitePragmaInterceptor.Instance);
            }
            else
            {
                options.UseNpgsql(database.PostgresDataSource!);
            }
        });
        builder.Services.AddSingleton<IBlobStore>(services =>
            new FileSystemBlobStore(Path.Combine(services.GetRequiredService<IOptions<StorageOptions>>().Value.Data, "blobs")));
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<StartupMigrations>();
        // First of the start-up tasks: every later one reads secrets already under the current key.
        builder.Services.AddSingleton<IStartupTask, SecretsUpgrade>();
        return builder;
    }
}
