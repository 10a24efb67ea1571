namespace Tessera.Http;

/// <summary>
/// A response body that is the same bytes for as long as its strong ETag holds (a rendered canvas PNG, a map tile),
/// built once when the bytes are made and written straight to the response. The hot read path: nothing is formatted
/// or allocated per request (the header values are the strings held here), and none of the framework's file-result
/// work runs (a logger looked up per request, range and Last-Modified handling these routes never use). Figures in
/// docs/benchmarks.md, "Hot reads".
/// A matching <c>If-None-Match</c> answers 304 with the ETag; otherwise 200 with the bytes.
/// </summary>
public sealed class CachedBody : IResult
{
    private readonly byte[] _content;
    private readonly string _contentType;
    private readonly string _cacheControl;

    public CachedBody(byte[] content, string contentType, string etag, string cacheControl = "no-cache")
    {
        _content = content;
        _contentType = contentType;
        _cacheControl = cacheControl;
        ETag = etag;
    }

    /// <summary>The strong entity tag, quotes included (<c>"png-42"</c>).</summary>
    public string ETag { get; }

    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>The same body with another <c>Cache-Control</c> (e.g. <c>private, no-cache</c> for a per-caller image).</summary>
    public CachedBody WithCacheControl(string cacheControl) =>
        cacheControl == _cacheControl ? this : new CachedBody(_content, _contentType, ETag, cacheControl);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.ETag = ETag;
        headers.CacheControl = _cacheControl;
        if (httpContext.Request.Headers.IfNoneMatch == ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = _contentType;
        response.ContentLength = _content.Length;
        return response.Body.WriteAsync(_content, httpContext.RequestAborted).AsTask();
    }
}
