using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// Documents a route once, on the route itself: its seed section (the OpenAPI tag), a summary, a description and an
/// example. The OpenAPI documents, the llms.txt files and BSAP's <c>/api</c> read this metadata, so a route and its
/// documentation cannot drift apart.
/// </summary>
public static class RouteDocs
{
    public static TBuilder Documented<TBuilder>(
        this TBuilder builder, string section, string summary, string description, string? request = null, string? response = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithTags(section).WithSummary(summary).WithDescription(description);
        if (request is not null || response is not null)
        {
            builder.WithMetadata(new ApiExample(request, response));
        }

        return builder;
    }

    /// <summary>Names the body a handler reads itself, for the OpenAPI document (see <see cref="DocumentedRequestBody"/>).</summary>
    public static RouteHandlerBuilder WithRequestBody<TBody>(this RouteHandlerBuilder builder, string contentType) =>
        builder.WithMetadata(new DocumentedRequestBody(typeof(TBody), contentType));
}
