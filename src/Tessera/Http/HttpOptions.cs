namespace Tessera.Http;

/// <summary><c>Tessera:Http</c>: request limits, CORS and proxies.</summary>
public sealed class HttpOptions
{
    public const string Section = "Tessera:Http";

    /// <summary>Bodies above this get 413 in the surface's shape. Uploads (5 MB images) fit comfortably.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Request headers above this (names, values and line overhead, summed) get 431 in the surface's shape. Kestrel's own
    /// limit is set to twice this, so the server, not Kestrel's empty 431, answers everything up to there.
    /// </summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Fields (files and values) one form body may carry; past it the form is a 400 <c>invalid_form</c>. Bounds the
    /// memory and parsing time of a form no route needs more than a dozen fields of. ASP.NET Core's own default.
    /// </summary>
    public int MaxFormFields { get; set; } = 1024;

    /// <summary>How often stored idempotent responses older than their 24 h are deleted.</summary>
    public TimeSpan IdempotencySweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Origins allowed by CORS; <c>*</c> (the default) allows any, since keys are never cookies.</summary>
    public string[] CorsOrigins { get; set; } = ["*"];
}
