namespace Tessera.Engines.Providers;

/// <summary>The wire format a provider engine speaks (configuration values <c>openai</c>, <c>replicate</c>, <c>comfyui</c>, <c>gemini</c>, any case).</summary>
public enum ProviderKind
{
    OpenAI,
    Replicate,
    ComfyUI,

    /// <summary>Google's Gemini API: Imagen <c>:predict</c> or Gemini image models' <c>:generateContent</c> (<see cref="GeminiImagesEngine"/>).</summary>
    Gemini,
}
