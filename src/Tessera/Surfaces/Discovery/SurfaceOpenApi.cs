using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// What the surfaces' OpenAPI documents carry beyond what ASP.NET Core derives from the handlers: the title an agent
/// recognises ("Tessera — PixelDojo"), the bodies handlers read themselves (<see cref="DocumentedRequestBody"/>) and the
/// examples routes are documented with (<see cref="ApiExample"/>). Summaries, descriptions and tags come from the
/// endpoints' own metadata (<see cref="RouteDocs"/>).
/// </summary>
public static class SurfaceOpenApi
{
    public static void Configure(OpenApiOptions options, string title)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Description = $"{title}: generated from the routes this server maps. See also llms.txt under the surface's path base.";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<DocumentedRequestBody>().LastOrDefault() is { } body && operation.RequestBody is null)
            {
                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = schema } },
                };
            }

            if (metadata.OfType<ApiExample>().LastOrDefault() is { } example)
            {
                AddExamples(operation, example);
            }
        });
    }

    private static void AddExamples(OpenApiOperation operation, ApiExample example)
    {
        if (example.Request is { } request && Json(request) is { } requestJson && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values.OfType<OpenApiMediaType>())
            {
                media.Example = requestJson;
            }
        }

        if (example.Response is { } response && Json(response) is { } responseJson && operation.Responses is { } responses)
        {
            var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).FirstOrDefault();
            if (success is OpenApiResponse { Content: { } content })
            {
                foreach (var media in content.Where(m => m.Key.Contains("json", StringComparison.Ordinal)).Select(m => m.Value).OfType<OpenApiMediaType>())
                {
                    media.Example = responseJson;
                }
            }
        }
    }

    private static JsonNode? Json(string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
