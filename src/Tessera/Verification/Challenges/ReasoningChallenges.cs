namespace Tessera.Verification.Challenges;

/// <summary>
/// Reasoning: a freshly generated puzzle with exactly one answer: an ordering from shuffled comparisons, word
/// problems with random numbers, a Caesar cipher, calendar arithmetic, a recurrence, a counting filter.
/// </summary>
public static class ReasoningChallenges
{
    private static readonly string[] Names =
    [
        "Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena",
        "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara",
    ];

    // (the more, the less, superlative of the more): "A is taller than B", "B is shorter than A", "the tallest".
    private static readonly (string More, string Less, string Most)[] Comparisons =
    [
        ("taller", "shorter", "tallest"),
        ("older", "younger", "oldest"),
        ("faster", "slower", "fastest"),
        ("heavier", "lighter", "heaviest"),
        ("richer", "poorer", "richest"),
    ];

    private static readonly string[] Ordinals = ["", "second ", "third ", "fourth ", "fifth "];

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Words =
    [
        "amber", "bridge", "cobalt", "delta", "ember", "falcon", "garden", "harbor", "island", "jasper", "kettle",
        "lantern", "meadow", "nectar", "orbit", "pepper", "quartz", "river", "signal", "timber", "velvet", "willow",
        "yonder", "zephyr", "copper", "marble", "thunder", "silver", "canyon", "forest",
    ];

    public static IReadOnlyList<ChallengeTemplate> All { get; } =
    [
        new("reasoning.ordering", ChallengeCategory.Reasoning, Ordering, AnswerMatch.Words),
        new("reasoning.warehouse", ChallengeCategory.Reasoning, Warehouse, AnswerMatch.Integer),
        new("reasoning.journey", ChallengeCategory.Reasoning, Journey, AnswerMatch.Integer),
        new("reasoning.caesar", ChallengeCategory.Reasoning, Caesar, AnswerMatch.Words),
        new("reasoning.weekday", ChallengeCategory.Reasoning, Weekday, AnswerMatch.Words),
        new("reasoning.recurrence", ChallengeCategory.Reasoning, Recurrence, AnswerMatch.Integer),
        new("reasoning.filter", ChallengeCategory.Reasoning, Filter, AnswerMatch.Integer),
    ];

    private static GeneratedPrompt Ordering(ChallengeRandom random)
    {
        // people[0] has the most of the quality. One clue per neighbouring pair fixes the whole order, and shuffling the
        // clues (each said either way round) means the order must be worked out, not read off.
        var people = random.Sample(Names, 5);
        var (more, less, most) = random.Pick(Comparisons);
        var clues = new List<string>();
        for (var i = 0; i < people.Count - 1; i++)
        {
            clues.Add(random.Next(2) == 0 ? $"{people[i]} is {more} than {people[i + 1]}." : $"{people[i + 1]} is {less} than {people[i]}.");
        }

        random.Shuffle(clues);
        var rank = random.Next(people.Count - 1);
        return new($"{string.Join(' ', clues)} Who is the {Ordinals[rank]}{most}? Reply with only the name.", people[rank]);
    }

    private static GeneratedPrompt Warehouse(ChallengeRandom random)
    {
        int boxes = random.Next(20, 100), perBox = random.Next(6, 49), shipped = random.Next(1, boxes), loose = random.Next(10, 500);
        return new(
            $"A warehouse holds {boxes} boxes with {perBox} items in each. {shipped} boxes are shipped out, then {loose} loose items are delivered. How many items does the warehouse hold now? Reply with only the number.",
            PromptText.Number((long)(boxes - shipped) * perBox + loose));
    }

    private static GeneratedPrompt Journey(ChallengeRandom random)
    {
        // Speeds are multiples of 5 and minutes multiples of 12, so every distance is a whole number of kilometres.
        int speed = random.Next(8, 25) * 5, hours = random.Next(1, 6), laterSpeed = random.Next(6, 20) * 5, minutes = random.Next(1, 5) * 12;
        return new(
            $"A car drives at {speed} km/h for {hours} hours, then at {laterSpeed} km/h for {minutes} minutes. How many kilometres does it cover in total? Reply with only the number.",
            PromptText.Number((speed * hours) + (laterSpeed * minutes / 60)));
    }

    private static GeneratedPrompt Caesar(ChallengeRandom random)
    {
        var plain = string.Join(' ', random.Sample(Words, 3));
        var shift = random.Next(1, 26);
        var cipher = new string([.. plain.Select(c => c == ' ' ? c : (char)('a' + ((c - 'a' + shift) % 26)))]);
        return new(
            $"Decode this Caesar cipher, in which every letter was shifted {shift} places forward in the alphabet (z wraps to a): {cipher}. Reply with only the decoded text.",
            plain);
    }

    private static GeneratedPrompt Weekday(ChallengeRandom random)
    {
        var today = random.Next(Days.Length);
        var days = random.Next(100, 5000);
        return new(
            $"If today is {Days[today]}, what day of the week will it be in {days} days? Reply with only the day's name.",
            Days[(today + days) % Days.Length]);
    }

    private static GeneratedPrompt Recurrence(ChallengeRandom random)
    {
        // first ≥ 2, factor ≥ 2 and step ≤ first keep every term positive and growing; at most 9·4⁷ ≈ 150,000.
        int first = random.Next(2, 10), factor = random.Next(2, 5), step = random.Next(0, first + 1), position = random.Next(6, 9);
        long term = first;
        for (var i = 1; i < position; i++)
        {
            term = (term * factor) - step;
        }

        return new(
            $"A sequence starts at {first}; each next term is the previous term times {factor}, minus {step}. What is term number {position} (the first term is term number 1)? Reply with only the number.",
            PromptText.Number(term));
    }

    private static GeneratedPrompt Filter(ChallengeRandom random)
    {
        var numbers = PromptText.RandomNumbers(random, 16, 1, 100);
        var above = random.Next(20, 80);
        var wantOdd = random.Next(2) == 0;
        var count = numbers.Count(n => n > above && (n % 2 == 1) == wantOdd);
        return new(
            $"Of the numbers {PromptText.List(numbers)}, how many are {(wantOdd ? "odd" : "even")} and greater than {above}? Reply with only the number.",
            PromptText.Number(count));
    }
}
