using Tessera.Surfaces.Discovery;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary><c>GET /models</c>, <c>GET /models/{apiId}</c>, <c>GET /models/{apiId}/schema</c>: the models whose surfaces include dojo.</summary>
public static class DojoModelEndpoints
{
    public static RouteGroupBuilder MapDojoModels(this RouteGroupBuilder api)
    {
        api.MapGet("/models", ListModels)
            .RequireKey()
            .WithSummary("List models")
            .WithDescription("Every model you can run: apiId, name, description, outputKind (image or video), pricing (creditCost per image or per second), links, and `available` (false with `unavailableReason` when this server cannot run it, e.g. ffmpeg missing for a video model).")
            .WithDojoErrors(401, 429)
            .WithMetadata(new ApiExample(null, """{"models":[{"apiId":"flux-1.1-pro","name":"FLUX 1.1 Pro","description":"...","outputKind":"image","pricing":{"creditCost":1,"unit":"image","defaultDurationSeconds":null},"links":{"self":"https://host/dojo/api/v1/models/flux-1.1-pro","schema":"https://host/dojo/api/v1/models/flux-1.1-pro/schema","run":"https://host/dojo/api/v1/models/flux-1.1-pro/run"},"available":true,"unavailableReason":null}],"count":1}"""));
        api.MapGet("/models/{apiId}", GetModel)
            .RequireKey()
            .WithSummary("Get model details + schema")
            .WithDescription("One model: the listing fields plus `schema`, the JSON schema its run request body is validated against.")
            .WithDojoErrors(401, 404, 429);
        api.MapGet("/models/{apiId}/schema", GetSchema)
            .RequireKey()
            .WithSummary("Get JSON schema for request body")
            .WithDescription("The model's input JSON schema document, as is (application/json).")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .WithDojoErrors(401, 404, 429);
        return api;
    }

    private static Ok<DojoModelList> ListModels(HttpContext context, IModelRegistry registry, IConfiguration configuration)
    {
        var models = DojoModels(registry).Select(model => Summary(model, registry, context, configuration)).ToList();
        return TypedResults.Ok(new DojoModelList(models, models.Count));
    }

    private static Results<Ok<DojoModelDetails>, ErrorResult> GetModel(string apiId, HttpContext context, IModelRegistry registry, IConfiguration configuration)
    {
        if (Find(registry, apiId) is not { } model)
        {
            return new ErrorResult(DojoErrors.ModelNotFound(apiId));
        }

        var summary = Summary(model, registry, context, configuration);
        using var schema = JsonDocument.Parse(ModelInputValidator.SchemaText(model));
        return TypedResults.Ok(new DojoModelDetails(
            summary.ApiId, summary.Name, summary.Description, summary.OutputKind, summary.Pricing, summary.Links, summary.Available, summary.UnavailableReason, schema.RootElement.Clone()));
    }

    private static IResult GetSchema(string apiId, IModelRegistry registry) =>
        Find(registry, apiId) is { } model
            ? TypedResults.Text(ModelInputValidator.SchemaText(model), "application/json")
            : new ErrorResult(DojoErrors.ModelNotFound(apiId));

    /// <summary>The models listed on this surface, in the registry's order.</summary>
    public static IEnumerable<ModelDefinition> DojoModels(IModelRegistry registry) =>
        registry.All.Where(model => model.Surfaces.Contains(PixelDojoSurface.Name, StringComparer.Ordinal));

    /// <summary>A model of this surface by apiId; a model only another surface lists is not found here.</summary>
    public static ModelDefinition? Find(IModelRegistry registry, string apiId) =>
        registry.Find(apiId) is { } model && model.Surfaces.Contains(PixelDojoSurface.Name, StringComparer.Ordinal) ? model : null;

    public static DojoPricing Pricing(ModelDefinition model) => model.Pricing.Kind switch
    {
        PricingKind.PerSecond => new DojoPricing(model.Pricing.Credits, "second", model.Pricing.DefaultDurationSeconds),
        PricingKind.PerOutput => new DojoPricing(model.Pricing.Credits, model.OutputKind == OutputRoles.Video ? "video" : "image", null),
        _ => new DojoPricing(model.Pricing.Credits, "job", null),
    };

    private static DojoModel Summary(ModelDefinition model, IModelRegistry registry, HttpContext context, IConfiguration configuration)
    {
        var unavailable = registry.UnavailableReason(model);
        var self = $"{DojoUrls.ApiBase(context, configuration)}/models/{Uri.EscapeDataString(model.Id)}";
        return new DojoModel(model.Id, model.Name, model.Description, model.OutputKind, Pricing(model), new DojoModelLinks(self, self + "/schema", self + "/run"), unavailable is null, unavailable);
    }
}
