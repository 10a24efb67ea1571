namespace Tessera.Surfaces.PixelDojo;

/// <summary>Declares a route's error answers, so the OpenAPI document and llms.txt list them (both read this metadata).</summary>
internal static class DojoRouteConventions
{
    public static RouteHandlerBuilder WithDojoErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Distinct())
        {
            builder.Produces<DojoErrorBody>(status, "application/json");
        }

        return builder;
    }
}
