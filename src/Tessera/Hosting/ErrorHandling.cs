using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;
using Tessera.Storage.Secrets;

namespace Tessera.Hosting;

/// <summary>
/// Everything that fails outside a handler answers in the surface's documented shape: crashes (500
/// <c>internal_error</c>, logged, never a stack trace), malformed JSON (400 <c>invalid_json</c>), bodies over the
/// limit (413), unknown routes (404) and wrong methods (405). A stored secret the server's key cannot open is 503
/// <c>secret_unavailable</c> (docs/secrets.md).
/// </summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        // Binding failures throw instead of answering an empty 400, so one handler can write them in the surface's shape.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new TextStringConverter()));
        services.AddOptions<FormOptions>().Configure<IOptions<HttpOptions>>((form, http) => form.ValueCountLimit = http.Value.MaxFormFields);
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = context => ErrorResponses.WriteAsync(context.HttpContext, ErrorResponses.ForStatus(context.HttpContext.Response.StatusCode)),
        });
        // Read once: resolving the options per request created the request's service scope on routes that need none.
        var bodyLimit = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.MaxRequestBodyBytes;
        app.Use((context, next) => EnforceBodyLimit(context, next, bodyLimit));
        app.Use(RefuseNulInQuery);
        return app;
    }

    /// <summary>
    /// A NUL (<c>%00</c>) in a query value is a 400 before any handler: no parameter of any route takes one, and PostgreSQL
    /// refuses it in text ("invalid byte sequence for encoding UTF8: 0x00"), which would otherwise surface as a 500 from
    /// whichever query the value reached. (A NUL in the path never gets here: the server refuses the request itself.)
    /// </summary>
    private static Task RefuseNulInQuery(HttpContext context, RequestDelegate next)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            && context.Request.Query.Any(pair => pair.Key.Contains('\0', StringComparison.Ordinal)
                                                 || pair.Value.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return ErrorResponses.WriteAsync(context, new Error("validation_error", "The query string contains a NUL character (%00); no parameter takes one.", 400));
        }

        return next(context);
    }

    private static Task EnforceBodyLimit(HttpContext context, RequestDelegate next, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return ErrorResponses.WriteAsync(context, ErrorResponses.ForStatus(413));
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    private static Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = Classify(exception);
        if (error.Status >= 500)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tessera.Errors");
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
        }

        return ErrorResponses.WriteAsync(context, error);
    }

    internal static Error Classify(Exception? exception) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => ErrorResponses.ForStatus(413),
        BadHttpRequestException bad when HasJsonCause(bad) || bad.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) =>
            new Error("invalid_json", "The request body is not valid JSON for this endpoint.", 400),
        BadHttpRequestException { StatusCode: 415 } => ErrorResponses.ForStatus(415),
        BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 =>
            new Error("validation_error", "The request is malformed: a required value is missing or of the wrong type.", bad.StatusCode),
        OperationCanceledException => new Error("request_cancelled", "The request was cancelled.", 499),
        // The operator's fix (the right TESSERA_SECRET_KEY), not the client's: 503, and the log names the key id.
        SecretUnavailableException => new Error("secret_unavailable",
            "The server cannot read a secret it stored (its secret key is not the one the secret was made with); the operator must configure that key. Try again later.", 503),
        _ => ErrorResponses.ForStatus(500),
    };

    private static bool HasJsonCause(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception? exception);
}
