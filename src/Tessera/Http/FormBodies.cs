using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Http;

/// <summary>
/// Reads a form body for the surfaces that take uploads. A malformed body (no boundary, a truncated part, more fields than
/// <see cref="FormOptions.ValueCountLimit"/>) is the client's fault: 400 <c>invalid_form</c> in the surface's shape,
/// not the parser's exception as a 500. A body over the size limit stays the 413 the error handler writes.
/// </summary>
public static class FormBodies
{
    public const string InvalidForm = "invalid_form";

    public static async Task<Result<IFormCollection>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return Result<IFormCollection>.Ok(await request.ReadFormAsync(cancellationToken));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException
                                          && !cancellationToken.IsCancellationRequested)
        {
            // The multipart reader throws InvalidDataException for a bad boundary or too many fields, IOException for a body
            // that ends inside a part; both describe the bytes the client sent.
            var fields = request.HttpContext.RequestServices.GetRequiredService<IOptions<FormOptions>>().Value.ValueCountLimit;
            return new Error(
                InvalidForm,
                $"The form body is malformed: send multipart/form-data with its boundary (or application/x-www-form-urlencoded), complete parts and at most {fields} fields.",
                400);
        }
    }
}
