namespace Tessera.Engines.Providers;

/// <summary>One provider engine instance, section <c>Tessera:Engines:Providers:{name}</c>; the name is the engine's name.</summary>
public sealed class ProviderEngineOptions
{
    /// <summary>Required: which wire format the server at <see cref="BaseUrl"/> speaks.</summary>
    public ProviderKind? Kind { get; set; }

    /// <summary>Scheme and host (and a path prefix if any), without <c>/v1</c>; empty means the kind's public default.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Sent as <c>Authorization: Bearer</c> (Gemini: <c>x-goog-api-key</c>) to <see cref="BaseUrl"/>'s host only (never to download hosts).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The whole attempt (submit, poll, download); past it the attempt fails with transient <c>provider_timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Between two status polls (Replicate, ComfyUI).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest output file accepted; a bigger one fails the attempt with <c>bad_output</c>.</summary>
    public long MaxOutputBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The provider's model when a model's <c>Settings:providerModel</c> is not set (<c>gpt-image-1</c>, <c>black-forest-labs/flux-1.1-pro</c>).</summary>
    public string Model { get; set; } = "";

    /// <summary>OpenAI: <c>response_format</c> sent (<c>b64_json</c> or <c>url</c>); empty leaves it out (gpt-image models always answer base64).</summary>
    public string ResponseFormat { get; set; } = "b64_json";

    /// <summary>OpenAI: the sizes the provider model accepts (<c>1024x1024</c> ...); empty picks them from the model name.</summary>
    public List<string> Sizes { get; set; } = [];

    /// <summary>Replicate: <c>Prefer: wait=N</c> (1–60 s) lets a quick prediction finish in the create call; 0 leaves the header out.</summary>
    public int WaitSeconds { get; set; } = 60;

    /// <summary>ComfyUI: the workflow template (API format JSON) used when a model's settings name none.</summary>
    public string Workflow { get; set; } = "";

    /// <summary>ComfyUI: a file holding the workflow template, read at each attempt (edits apply without a restart).</summary>
    public string WorkflowFile { get; set; } = "";

    /// <summary>The URL requests go to: <see cref="BaseUrl"/> or the kind's default, without a trailing slash.</summary>
    public string EffectiveBaseUrl => (BaseUrl.Length > 0 ? BaseUrl : Kind switch
    {
        ProviderKind.OpenAI => "https://api.openai.com",
        ProviderKind.Replicate => "https://api.replicate.com",
        ProviderKind.Gemini => "https://generativelanguage.googleapis.com",
        _ => "http://127.0.0.1:8188",
    }).TrimEnd('/');
}
