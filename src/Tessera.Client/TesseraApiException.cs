using System.Net;

namespace Tessera.Client;

/// <summary>An operator API answer that was not a success, read from its RFC 9457 problem+json body.</summary>
public sealed class TesseraApiException : Exception
{
    public TesseraApiException(HttpStatusCode status, string code, string? detail, string? title = null, string? type = null)
        : base($"{code}: {detail ?? title ?? status.ToString()}")
    {
        Status = status;
        Code = code;
        Detail = detail;
        Title = title;
        Type = type;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The stable machine code (<c>not_found</c>, <c>invalid_amount</c> ...); <c>http_STATUS</c> when the body had none.</summary>
    public string Code { get; }

    /// <summary>The human explanation of this occurrence, when the server gave one.</summary>
    public string? Detail { get; }

    public string? Title { get; }

    public string? Type { get; }
}
