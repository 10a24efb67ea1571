using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Http;

namespace Tessera.Hosting;

/// <summary>
/// Oversized request headers answer 431 in the surface's error shape. Kestrel refuses headers over its limit before any
/// middleware runs, with an empty body; so Kestrel's limit is raised to twice <see cref="HttpOptions.MaxRequestHeadersBytes"/>
/// and the documented limit is enforced here, where the response can still be shaped. Beyond Kestrel's limit the
/// connection gets Kestrel's bare 431 (nothing of the request has been parsed to shape it by). docs/security.md.
/// </summary>
public static class HeaderLimit
{
    public static IHostApplicationBuilder AddHeaderLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpOptions>()
            .Validate(options => options.MaxRequestHeadersBytes is >= 4 * 1024 and <= 1024 * 1024, "Tessera:Http:MaxRequestHeadersBytes must be between 4096 and 1048576.")
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>((kestrel, http) =>
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * http.Value.MaxRequestHeadersBytes);
        return builder;
    }

    public static WebApplication UseHeaderLimit(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.MaxRequestHeadersBytes;
        var tooLarge = new Error(
            "request_headers_too_large",
            $"The request headers total more than {limit} bytes; send fewer or shorter headers (cookies, tokens).",
            StatusCodes.Status431RequestHeaderFieldsTooLarge);
        app.Use((context, next) => SizeOf(context.Request.Headers) > limit ? ErrorResponses.WriteAsync(context, tooLarge) : next(context));
        return app;
    }

    /// <summary>As Kestrel counts them: each <c>name: value\r\n</c> line (ASCII, so characters are bytes).</summary>
    private static long SizeOf(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + 4 + (value?.Length ?? 0);
            }
        }

        return total;
    }
}
