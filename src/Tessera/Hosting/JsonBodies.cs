using Microsoft.AspNetCore.Http.Metadata;

namespace Tessera.Hosting;

/// <summary>
/// A route that reads a JSON body reads it as JSON whatever the request's <c>Content-Type</c> says (DECISIONS, Wave-1
/// corrections): agents often send <c>curl -d '{…}'</c> (a form content type), <c>text/plain</c> or none at all, and the
/// seed services accept that. A body that is not JSON then fails to parse and answers 400 <c>invalid_json</c> in the
/// surface's shape, never 415. Routing matches endpoints by content type, so a JSON route given another type is routed
/// to the framework's 415 endpoint; this middleware, between two routing passes, turns that request's content type into
/// JSON and lets the second pass find the route. Routes that take forms or raw bytes declare no JSON and are unaffected.
/// </summary>
public static class JsonBodies
{
    // Microsoft.AspNetCore.Routing.Matching.AcceptsMatcherPolicy's endpoint for "no route accepts this content type".
    private const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    /// <summary>Call after a first <c>UseRouting</c>; it is followed by a second one that routes the rewritten request.</summary>
    public static IApplicationBuilder UseJsonBodies(this IApplicationBuilder app) => app.Use(TreatBodyAsJson).UseRouting();

    private static Task TreatBodyAsJson(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        if (endpoint?.DisplayName == UnsupportedMediaTypeEndpoint
            && !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            request.ContentType = "application/json";
            context.SetEndpoint(null);
            request.RouteValues.Clear();
        }
        else if (string.IsNullOrEmpty(request.ContentType)
                 && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
                 && endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(IsJson) == true)
        {
            // Routing lets a request without a content type through to the JSON route, whose binder would refuse it.
            request.ContentType = "application/json";
        }

        return next(context);
    }

    private static bool IsJson(string contentType) => contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
}
