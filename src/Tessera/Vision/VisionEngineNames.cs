namespace Tessera.Vision;

/// <summary>The engine names <c>Tessera:Vision:Engines</c> orders.</summary>
public static class VisionEngineNames
{
    public const string Local = "local";
    public const string OpenAI = "openai";
    public const string Gemini = "gemini";
}
