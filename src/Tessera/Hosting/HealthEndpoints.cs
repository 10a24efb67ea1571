using Tessera.Storage;

namespace Tessera.Hosting;

/// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: the database answers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok"))).ExcludeFromDescription();
        endpoints.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(TesseraDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.Command("SELECT 1").ScalarAndDisposeAsync(cancellationToken);
            return TypedResults.Ok(new HealthStatus("ok", database.Provider.ToString().ToLowerInvariant()));
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return TypedResults.Json(new HealthStatus("unavailable", database.Provider.ToString().ToLowerInvariant()), statusCode: 503);
        }
    }

    private sealed record HealthStatus(string Status, string? Database = null);
}
