namespace Tessera.Engines.Local.Procedural;

/// <summary>Everything a prompt and a seed decide about a picture: its palette, composition and finish.</summary>
internal sealed record ProceduralScene(Palette Palette, Composition Composition, Finish Finish, int Seed)
{
    public static ProceduralScene FromPrompt(string prompt, int seed)
    {
        var words = PromptWords.Parse(prompt);
        var composition = words.TryFirst(StyleWords.Compositions, out var named)
            ? named
            : StyleWords.Defaults[new SeededRandom(seed).Next(StyleWords.Defaults.Length)];
        var finish = words.TryFirst(StyleWords.Finishes, out var finishing) ? finishing : Finish.None;
        return new ProceduralScene(PaletteBuilder.Build(words, seed, composition), composition, finish, seed);
    }
}
