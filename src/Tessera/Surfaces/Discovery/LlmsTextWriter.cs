using System.Text;
using Tessera.RateLimits;

using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// Writes the Markdown of an llms.txt file. The endpoint section comes from <see cref="SurfaceRouteCatalog"/> (every
/// documented route, in the order they are mapped), so a route added to a surface shows up in its llms.txt without an edit here.
/// </summary>
public sealed class LlmsTextWriter
{
    private readonly StringBuilder _text = new();

    public LlmsTextWriter Line(string line = "")
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public LlmsTextWriter Section(string title)
    {
        Line("## " + title);
        return Line();
    }

    /// <summary>Every route: method and full path, summary, description, auth, parameters, body and response examples, statuses.</summary>
    public LlmsTextWriter Endpoints(IEnumerable<DocumentedRoute> routes, string baseUrl, RateLimitPolicies limits, Func<int, string> errorCodes)
    {
        Section("Endpoints");
        foreach (var route in routes)
        {
            Line($"### {route.Method} {route.Path}" + (route.Summary is null ? "" : $" — {route.Summary}"));
            Line();
            Line($"URL: {baseUrl}{route.Path}");
            if (route.Description is { } description)
            {
                Line(description);
                Line();
            }

            Line(route.NeedsKey
                ? route.Scope is { } scope ? $"Auth: API key with scope `{scope}` (Authorization: Bearer YOUR_API_KEY)." : "Auth: API key (Authorization: Bearer YOUR_API_KEY)."
                : "Auth: none.");
            if (route.Idempotent)
            {
                Line("Idempotency: send `Idempotency-Key: <unique string>`; a retry with the same key within 24 h returns the first response.");
            }

            if (route.RateLimitPolicy is { } policy)
            {
                Line($"Rate limit: {RateLimitText.DescribeWithPartition(limits, policy)}; over it → 429 with Retry-After.");
            }

            if (route.Parameters.Count > 0)
            {
                Line("Parameters:");
                foreach (var parameter in route.Parameters)
                {
                    Line($"- `{parameter.Name}` ({parameter.Source}, {parameter.Type}{(parameter.Required ? ", required" : ", optional")})");
                }
            }

            if (route.Example?.Request is { } request)
            {
                Line($"Request body ({string.Join(" or ", route.BodyContentTypes.DefaultIfEmpty("application/json"))}):");
                Line("    " + request);
            }

            Line(route.Example?.Response is { } response ? $"Response {route.SuccessStatus}:" : $"Response {route.SuccessStatus}.");
            if (route.Example?.Response is { } body)
            {
                Line("    " + body);
            }

            if (route.ErrorStatuses.Count > 0)
            {
                Line("Errors: " + string.Join(", ", route.ErrorStatuses.Select(status => $"{status} {errorCodes(status)}")));
            }

            Line();
        }

        return this;
    }

    public IResult ToResult() => TypedResults.Text(_text.ToString(), "text/plain; charset=utf-8");

    public override string ToString() => _text.ToString();
}
