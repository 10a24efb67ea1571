using Tessera.Http;
using Tessera.Common;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>The surface's 4xx codes (docs/pixel-engine.md lists them) and the translation of module errors into them.</summary>
public static class PixelEngineErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidImage = "invalid_image";
    public const string JobNotFoundCode = "job_not_found";

    public static Error Invalid(string message) => new(InvalidRequest, message, 400);

    public static Error BadImage(string message) => new(InvalidImage, message, 400);

    public static Error MissingJobId(HttpContext context) =>
        Invalid($"Query parameter 'id' is required: the api_job_id that POST {RouteNames.Of(context, "/functions/v1/animate")} returned.");

    public static readonly Error ModelUnavailable =
        new("model_unavailable", "Animation is not available on this server (the 'animate' model is disabled).", 503);

    public static Error JobNotFound(string id) => new(JobNotFoundCode, $"No job '{id}' for this account.", 404);

    /// <summary>A submit's failure: 402 <c>insufficient_credits</c> and 409s pass through; a validation error is a bad request.</summary>
    public static Error FromSubmit(Error error) => error.Status == 400 ? Invalid(error.Message) : error;

    /// <summary>A read's failure: not found (any account's or no job) → 404 <c>job_not_found</c>; <c>expired</c> (410) passes through.</summary>
    public static Error FromGet(Error error, string id) => error.Status == 404 ? JobNotFound(id) : error;

    /// <summary>
    /// A failed job's error code as clients see it. The engine reports an image it cannot decode (the magic number was
    /// right, the pixels were not) as <c>validation_error</c>: everything else in the input was checked at submit, so
    /// that is the image's fault.
    /// </summary>
    public static string JobFailureCode(string? code) => code switch
    {
        null or "" => "internal_error",
        "validation_error" => InvalidImage,
        _ => code,
    };
}
