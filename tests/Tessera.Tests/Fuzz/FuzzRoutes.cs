using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Tessera.Tests.Fuzz;

/// <summary>One method on one route of the running app, with the names its handler reads from the query.</summary>
public sealed record FuzzRoute(string Method, RoutePattern Pattern, IReadOnlyList<string> QueryNames)
{
    public string Template => "/" + Pattern.RawText?.TrimStart('/');

    public bool IsAdmin => Template.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Method} {Template}";

    /// <summary>
    /// Every route the app maps, read from its <see cref="EndpointDataSource"/> so routes added later are fuzzed without a
    /// change here. Left out: the test-only probes (<c>/_probe/throw</c> crashes on purpose). Server-sent-event routes stay
    /// in: the fuzz reads only their status and headers, then hangs up (see <see cref="RouteFuzzTests"/>). No route reaches
    /// a real outbound network during a request: webhooks and provider engines run in workers, and the fuzz server runs none.
    /// </summary>
    public static IReadOnlyList<FuzzRoute> All(IServiceProvider services)
    {
        var routes = new List<FuzzRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText ?? "";
            if (template.Contains("_probe", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : ["GET", "POST"];
            var queryNames = QueryNamesOf(endpoint);
            foreach (var method in methods.Where(method => method != "OPTIONS" && method != "HEAD"))
            {
                routes.Add(new FuzzRoute(method, endpoint.RoutePattern, queryNames));
            }
        }

        return [.. routes.DistinctBy(route => route.ToString()).OrderBy(route => route.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The handler's simple parameters that are not route values: minimal APIs bind those from the query.</summary>
    private static string[] QueryNamesOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return [];
        }

        return
        [
            .. handler.GetParameters()
                .Where(parameter => parameter.Name is not null && IsSimple(parameter.ParameterType)
                                    && endpoint.RoutePattern.GetParameter(parameter.Name) is null
                                    && !parameter.GetCustomAttributes().Any(attribute => attribute.GetType().Name.Contains("Header", StringComparison.Ordinal)))
                .Select(parameter => parameter.Name!),
        ];
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
               || type == typeof(DateTimeOffset) || type == typeof(DateTime);
    }
}
