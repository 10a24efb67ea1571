namespace Tessera.Engines.Providers;

/// <summary>The wire format a provider engine speaks (configuration values <c>openai</c>, <c>replicate</c>, <c>comfyui</c>, any case).</summary>
public enum ProviderKind
{
    OpenAI,
    Replicate,
    ComfyUI,
}
