using System.Text.Json;
using Tessera.Common;

namespace Tessera.Http;

/// <summary>The one place an <see cref="Error"/> becomes an HTTP response, in the shape of the surface the request is for.</summary>
public static class ErrorResponses
{
    /// <summary>Tessera's own routes (health, metrics, docs) use the canvas shape: the simplest JSON error.</summary>
    private static readonly IErrorShape DefaultShape = CanvasErrorShape.Instance;

    public static async Task WriteAsync(HttpContext context, Error error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        var surface = context.RequestServices.GetRequiredService<SurfaceRegistry>().ForPath(context.Request.Path);
        var shape = surface?.ErrorShape ?? DefaultShape;
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = shape.ContentType;
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            shape.Write(writer, error);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The error codes every surface shares, for the conditions no handler sees.</summary>
    public static Error ForStatus(int status) => status switch
    {
        400 => new Error("bad_request", "The request is malformed.", 400),
        401 => new Error("unauthorized", "A valid API key is required.", 401),
        403 => new Error("forbidden", "This key may not do that.", 403),
        404 => new Error("not_found", "No such resource or route.", 404),
        405 => new Error("method_not_allowed", "This route does not accept that method.", 405),
        413 => new Error("payload_too_large", "The request body is larger than this server accepts.", 413),
        415 => new Error("unsupported_media_type", "This route does not accept that content type.", 415),
        429 => new Error("rate_limit_exceeded", "Too many requests; retry later.", 429),
        >= 500 => new Error("internal_error", "Internal server error.", status),
        _ => new Error("error", "The request failed.", status),
    };
}

/// <summary>An endpoint result that renders an <see cref="Error"/> in its surface's shape.</summary>
public sealed class ErrorResult(Error error) : IResult
{
    public Error Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, Error);
}
