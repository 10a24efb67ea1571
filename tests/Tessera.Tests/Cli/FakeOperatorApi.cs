using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tessera.Tests.Cli;

/// <summary>One request the fake saw, read fully so tests can assert after the client disposed it.</summary>
public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Bearer => Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;
}

/// <summary>
/// A stand-in for the operator API: answers each (method, path) with a canned body and records every
/// request. Unknown routes answer 404 problem+json, as the real server does.
/// </summary>
public sealed class FakeOperatorApi : HttpMessageHandler
{
    private readonly Dictionary<(string Method, string Path), (HttpStatusCode Status, string? Body, string ContentType)> _routes = [];

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Single => Assert.Single(Requests);

    public FakeOperatorApi Answer(HttpMethod method, string path, HttpStatusCode status, string? json = null)
    {
        _routes[(method.Method, path)] = (status, json, "application/json");
        return this;
    }

    public FakeOperatorApi Problem(HttpMethod method, string path, HttpStatusCode status, string code, string detail)
    {
        var body = JsonSerializer.Serialize(new { type = "about:blank", title = status.ToString(), status = (int)status, detail, code });
        _routes[(method.Method, path)] = (status, body, "application/problem+json");
        return this;
    }

    public FakeOperatorApi Raw(HttpMethod method, string path, HttpStatusCode status, string body, string contentType)
    {
        _routes[(method.Method, path)] = (status, body, contentType);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.PathAndQuery;
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new RecordedRequest(request.Method, path, headers, body));

        if (!_routes.TryGetValue((request.Method.Method, path), out var route))
        {
            route = (HttpStatusCode.NotFound, """{"type":"about:blank","title":"Not Found","status":404,"detail":"No such route.","code":"not_found"}""", "application/problem+json");
        }

        var response = new HttpResponseMessage(route.Status) { RequestMessage = request };
        if (route.Body is not null)
        {
            response.Content = new StringContent(route.Body, Encoding.UTF8);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(route.ContentType);
        }

        return response;
    }
}
