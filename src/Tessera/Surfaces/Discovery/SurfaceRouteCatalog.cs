using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Accounts;
using Tessera.Http.Idempotency;
using Tessera.RateLimits;

using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>One mapped route of a surface as the discovery documents describe it (from the route's own metadata).</summary>
public sealed record DocumentedRoute(
    string Method,
    string Path,
    string? Summary,
    string? Description,
    string? Section,
    bool NeedsKey,
    string? Scope,
    bool Idempotent,
    IReadOnlyList<(string Name, string Source, string Type, bool Required)> Parameters,
    IReadOnlyList<string> BodyContentTypes,
    ApiExample? Example,
    int SuccessStatus,
    IReadOnlyList<int> ErrorStatuses,
    string? RateLimitPolicy)
{
    /// <summary>The path below the surface's base, e.g. <c>/api/canvas</c> for <c>/bsap/api/canvas</c>.</summary>
    public string RelativeTo(string pathBase) =>
        Path.StartsWith(pathBase + "/", StringComparison.OrdinalIgnoreCase) ? Path[pathBase.Length..] : Path;
}

/// <summary>
/// The routes of one surface, read from the API explorer: the same endpoint metadata that routes the requests and
/// builds <c>/openapi/{name}.json</c>. Every generated discovery document (llms.txt files, BSAP's <c>/api</c>) lists
/// routes from here, never from a hand-kept list.
/// </summary>
public sealed partial class SurfaceRouteCatalog(IApiDescriptionGroupCollectionProvider explorer)
{
    public IReadOnlyList<DocumentedRoute> For(string surfaceName) =>
    [
        .. explorer.ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Where(description => description.GroupName == surfaceName)
            .Select(Describe),
    ];

    private static DocumentedRoute Describe(ApiDescription route)
    {
        var metadata = route.ActionDescriptor.EndpointMetadata;
        var access = metadata.OfType<KeyAccess>().LastOrDefault();
        var parameters = route.ParameterDescriptions
            .Where(p => p.Source != BindingSource.Body && p.Source != BindingSource.Form && p.Source != BindingSource.FormFile)
            .Select(p => (p.Name, p.Source.DisplayName.ToLowerInvariant(), TypeName(p.Type), p.IsRequired))
            .ToList();
        var bodyTypes = metadata.OfType<IAcceptsMetadata>().SelectMany(accepts => accepts.ContentTypes)
            .Concat(route.SupportedRequestFormats.Select(format => format.MediaType))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var success = route.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.StatusCode).DefaultIfEmpty(200).First();
        return new DocumentedRoute(
            route.HttpMethod ?? "GET",
            // As a client calls it: the API explorer keeps route constraints ({z:int}), which are no part of a URL.
            "/" + RouteConstraint().Replace(route.RelativePath?.TrimStart('/') ?? "", "{$1}"),
            metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary,
            metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description,
            metadata.OfType<ITagsMetadata>().LastOrDefault()?.Tags.FirstOrDefault(),
            access is not null,
            access?.Scope,
            metadata.OfType<IdempotentRequest>().Any(),
            parameters,
            bodyTypes,
            metadata.OfType<ApiExample>().LastOrDefault(),
            success,
            [.. route.SupportedResponseTypes.Where(r => r.StatusCode >= 400).Select(r => r.StatusCode).Distinct().Order()],
            metadata.OfType<RateLimitMetadata>().LastOrDefault()?.PolicyName);
    }

    /// <summary>A parameter's type as JSON names it (<c>integer</c>, <c>string</c>), else the CLR name.</summary>
    private static string TypeName(Type? type) =>
        (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) switch
        {
            null => "string",
            var t when t == typeof(int) || t == typeof(long) => "integer",
            var t when t == typeof(bool) => "boolean",
            var t when t == typeof(decimal) || t == typeof(double) => "number",
            var t when t == typeof(string) => "string",
            var t => t.Name,
        };

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}
