namespace Tessera.Admin;

public static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints) => endpoints;
}
