using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Http;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.Discovery;

/// <summary>
/// Walks what each surface maps against what its discovery file and OpenAPI document say: every mapped route is named
/// in the file, every route the file names answers when called as the file says, and every operation whose handler reads
/// a body declares one.
/// </summary>
public sealed partial class DiscoveryWalkTests : IAsyncLifetime
{
    /// <summary>Each surface's agent-facing file: OMP's SKILL.md, the others' llms.txt.</summary>
    public static readonly TheoryData<string, string> Files = new()
    {
        { "omp", "/omp/api/skill" },
        { "bsap", "/bsap/llms.txt" },
        { "dojo", "/dojo/llms.txt" },
        { "engine", "/engine/llms.txt" },
        { "ocean", "/ocean/llms.txt" },
    };

    /// <summary>Routes under a surface's base that are not API routes: the discovery documents themselves and web pages for people.</summary>
    private static readonly HashSet<string> NotApi = new(StringComparer.Ordinal)
    {
        "/llms.txt", "/llm.txt", "/openapi.json", "", "/", "/p/{publicKey}", "/gallery/{token}", "/editor/{mediaId}", "/m/{id}/{signature}/{filename}", "/m/{id}/{signature}/{transform}/{filename}",
    };

    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_mapped_route_of_the_surface_is_named_in_its_discovery_file(string surface, string file)
    {
        var client = _factory.CreateClient();
        var text = await client.GetStringAsync(file, Ct);
        var pathBase = _factory.Services.GetRequiredService<SurfaceRegistry>().Get(surface).PathBase;
        var lines = text.Split('\n');
        var missing = new List<string>();
        foreach (var (method, path) in MappedRoutes(pathBase))
        {
            var named = lines.Any(line => NamesPath(line, path) && (method == "GET" ? !line.Contains("-X ", StringComparison.Ordinal) || line.Contains("GET", StringComparison.Ordinal) : line.Contains(method, StringComparison.Ordinal)));
            if (!named)
            {
                missing.Add($"{method} {path}");
            }
        }

        Assert.True(missing.Count == 0, $"{file} does not name: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_route_the_discovery_file_names_answers_when_called_as_the_file_says(string surface, string file)
    {
        _ = surface;
        var key = await FundedKeyAsync();
        var client = _factory.CreateClient();
        var text = await (await client.GetWithKeyAsync(file, key)).Content.ReadAsStringAsync(Ct);
        var calls = file.EndsWith("/skill", StringComparison.Ordinal) ? CurlCalls(text) : HeadingCalls(text);
        Assert.NotEmpty(calls);
        var failures = new List<string>();
        foreach (var (method, url, body) in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url).PathAndQuery) { Content = body };
            request.WithKey(key);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            // A 404 for an unknown id is the route answering; the router's own 404 ("No such resource or route") is not.
            var routeMissing = status == 404 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                && (await response.Content.ReadAsStringAsync(timeout.Token)).Contains("No such resource or route", StringComparison.Ordinal);
            if (routeMissing || status == 405 || status >= 500)
            {
                failures.Add($"{method} {url} → {status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Theory]
    [InlineData("omp")]
    [InlineData("bsap")]
    [InlineData("dojo")]
    [InlineData("engine")]
    [InlineData("ocean")]
    [InlineData("admin")]
    public async Task Every_operation_whose_handler_reads_a_body_declares_one_in_the_openapi_document(string name)
    {
        var key = name == "admin" ? _factory.AdminKey! : await FundedKeyAsync();
        var client = _factory.CreateClient();
        using var document = JsonDocument.Parse(await (await client.GetWithKeyAsync($"/openapi/{name}.json", key)).Content.ReadAsStringAsync(Ct));
        var undeclared = new List<string>();
        var probedDeclared = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch"))
            {
                var declared = operation.Value.TryGetProperty("requestBody", out var requestBody);
                if (declared && !requestBody.GetProperty("content").TryGetProperty("application/json", out _))
                {
                    continue;
                }

                // A handler that reads no body ignores a malformed one; one that reads it refuses it as JSON.
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), Fill(path.Name))
                {
                    Content = new StringContent("{\"unterminated\": ", Encoding.UTF8, "application/json"),
                };
                request.WithKey(key);
                using var response = await client.SendAsync(request, Ct);
                var answer = await response.Content.ReadAsStringAsync(Ct);
                var readsBody = response.StatusCode == HttpStatusCode.BadRequest && answer.Contains("json", StringComparison.OrdinalIgnoreCase);
                if (readsBody && !declared)
                {
                    undeclared.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
                else if (readsBody)
                {
                    probedDeclared++;
                }
            }
        }

        // The probe tells body readers apart: the declared JSON bodies refuse it too.
        Assert.True(probedDeclared > 0, "no declared JSON body refused a malformed one: the probe proves nothing");

        Assert.True(undeclared.Count == 0, "read a body they do not declare: " + string.Join(", ", undeclared));
    }

    private async Task<string> FundedKeyAsync()
    {
        var admin = _factory.CreateAdminClient();
        var account = await admin.CreateAccountAsync();
        var (_, key) = await admin.CreateKeyAsync(account);
        var grant = await admin.PostAsJsonAsync($"/admin/v1/accounts/{account}/grants", new { currency = "credits", amount = 1000, pool = "purchased" }, Ct);
        Assert.True(grant.IsSuccessStatusCode);
        return key;
    }

    /// <summary>Every (method, path template) the endpoint data source maps under the base, constraints stripped, non-API routes left out.</summary>
    private IEnumerable<(string Method, string Path)> MappedRoutes(string pathBase)
    {
        var sources = _factory.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => (Endpoint: endpoint, Path: "/" + Constraint().Replace(endpoint.RoutePattern.RawText ?? "", "{$1}").TrimStart('/')))
            .Where(e => e.Path.StartsWith(pathBase + "/", StringComparison.Ordinal) || e.Path == pathBase)
            .Where(e => !NotApi.Contains(e.Path[pathBase.Length..]))
            // Web pages' files (app.js, favicon.ico ...) and the test host's own probe routes are no API.
            .Where(e => !e.Path[(e.Path.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal) && !e.Path.Contains("/_probe/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(method => method is not ("HEAD" or "OPTIONS"))
                .Select(method => (method, e.Path)))
            .Distinct();
    }

    /// <summary>The line names the path itself, not a longer one it is the start of.</summary>
    private static bool NamesPath(string line, string path)
    {
        for (var at = line.IndexOf(path, StringComparison.Ordinal); at >= 0; at = line.IndexOf(path, at + 1, StringComparison.Ordinal))
        {
            var end = at + path.Length;
            if (end == line.Length || line[end] is ' ' or '\'' or '"' or '?' or '`' or ')' or ',' or '\r' or '>')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The calls an llms.txt describes: each <c>### METHOD /path</c> with its <c>URL:</c> line and its JSON example body.</summary>
    private static List<(string Method, string Url, HttpContent? Body)> HeadingCalls(string text)
    {
        var calls = new List<(string, string, HttpContent?)>();
        foreach (var section in text.Split("\n### ").Skip(1))
        {
            var lines = section.Split('\n');
            var heading = Heading().Match(lines[0]);
            var url = lines.FirstOrDefault(l => l.StartsWith("URL: ", StringComparison.Ordinal))?[5..];
            if (!heading.Success || url is null)
            {
                continue; // a model section of the dojo file, not a route
            }

            var bodyAt = Array.FindIndex(lines, l => l.StartsWith("Request body", StringComparison.Ordinal));
            var example = bodyAt >= 0 && bodyAt + 1 < lines.Length ? lines[bodyAt + 1].Trim() : null;
            HttpContent? body = example is not null && example.StartsWith('{') ? new StringContent(example, Encoding.UTF8, "application/json") : null;
            calls.Add((heading.Groups[1].Value, "http://localhost" + Fill(Uri.UnescapeDataString(new Uri(url).AbsolutePath)), body));
        }

        return calls;
    }

    /// <summary>The calls a SKILL.md gives as curl commands: <c>-X</c>, the URL, <c>-d</c> JSON or <c>-F</c> form fields.</summary>
    private static List<(string Method, string Url, HttpContent? Body)> CurlCalls(string text)
    {
        var calls = new List<(string, string, HttpContent?)>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("curl ", StringComparison.Ordinal)))
        {
            var method = Method().Match(line) is { Success: true } m ? m.Groups[1].Value : "GET";
            var url = Url().Match(line).Value.Replace("SEQ", "0", StringComparison.Ordinal);
            HttpContent? body = null;
            if (Data().Match(line) is { Success: true } data)
            {
                body = new StringContent(data.Groups[1].Value, Encoding.UTF8, "application/json");
            }
            else if (line.Contains(" -F ", StringComparison.Ordinal))
            {
                var form = new MultipartFormDataContent();
                foreach (Match field in Field().Matches(line))
                {
                    if (field.Groups[2].Value.StartsWith('@'))
                    {
                        form.Add(new ByteArrayContent(Canvas.Placements.PlacementHost.Png(255, 0, 0)), field.Groups[1].Value, field.Groups[2].Value[1..]);
                    }
                    else
                    {
                        form.Add(new StringContent(field.Groups[2].Value), field.Groups[1].Value);
                    }
                }

                body = form;
            }

            calls.Add((method, url, body));
        }

        return calls;
    }

    /// <summary>A path template with a value in each parameter: coordinates 0, anything else a made-up id.</summary>
    // An id as an agent would write one: numeric, so it matches integer routes ({id:long}) and string ones alike.
    private static string Fill(string template) => Parameter().Replace(template, match => match.Groups[1].Value is "z" or "x" or "y" ? "0" : "1");

    [GeneratedRegex(@"\{(\w+)(:[^}]+)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) (/\S*)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"-X (\w+)")]
    private static partial Regex Method();

    [GeneratedRegex(@"https?://[^\s']+")]
    private static partial Regex Url();

    [GeneratedRegex(@"-d '([^']*)'")]
    private static partial Regex Data();

    [GeneratedRegex(@"-F (\w+)=(\S+)")]
    private static partial Regex Field();
}
