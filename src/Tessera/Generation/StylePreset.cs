namespace Tessera.Generation;

/// <summary>
/// A generation style: its slug (what <c>style</c> names), a display name, the words added to the prompt, and whether it
/// is a premium preset (the seed's <c>/api/economy/styles</c>: "Premium styles require unlocking with Pixcoins"). Whether a
/// style is locked on this server is configuration (<see cref="GenerationOptions.LockedStyles"/>), not this flag, until
/// #15's economy unlocks premium styles per account.
/// </summary>
public sealed record StylePreset(string Slug, string Name, string PromptModifier, bool Premium)
{
    /// <summary>The prompt a provider is sent: the caller's words, then the style's.</summary>
    public string Apply(string prompt) => PromptModifier.Length == 0 ? prompt : $"{prompt.Trim()}, {PromptModifier}";
}
