namespace Tessera.Storage.Secrets;

/// <summary>
/// A column a module keeps encrypted with <see cref="ISecretProtector"/>: <see cref="SecretsUpgrade"/> encrypts its
/// clear values (from before encryption) and re-encrypts values under a previous key at start-up. Names are code
/// constants, never input. <paramref name="Filter"/> narrows the rows (a settings table holding one secret among others).
/// </summary>
public sealed record ProtectedColumn(string Table, string KeyColumn, string ValueColumn, string Purpose, string? Filter = null);

public static class ProtectedColumnExtensions
{
    /// <summary>Declares an encrypted column of the calling module, so its values are upgraded at start.</summary>
    public static IServiceCollection AddProtectedColumn(this IServiceCollection services, ProtectedColumn column) =>
        services.AddSingleton(column);
}
