using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Tests.Verification;

/// <summary>
/// A test agent: it reads nothing but the prompt text, works out the answer and says it is an AI. If a prompt changes
/// shape, this fails loudly ("no solver for ..."), which is the point: every prompt must be solvable from its text.
/// </summary>
public static partial class ChallengeSolver
{
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static string Solve(string prompt)
    {
        Match m;
        if ((m = Match(prompt, @"SHA-256 digest, in lowercase hex, of the UTF-8 string (\S+) \(16")).Success)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)));
        }

        if ((m = Match(prompt, @"sum of these 12 numbers: (.*)\.$")).Success)
        {
            return Numbers(m.Groups[1].Value).Aggregate(BigInteger.Zero, (a, b) => a + b).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"written backwards \(case matters\): (\S+)$")).Success)
        {
            return new string([.. m.Groups[1].Value.Reverse()]);
        }

        if ((m = Match(prompt, @"exact product of (\d+) and (\d+)\.$")).Success)
        {
            return (BigInteger.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * BigInteger.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"the letter '(.)' occur .* Reply with only the number\. (\S+)$")).Success)
        {
            return m.Groups[2].Value.Count(c => c == m.Groups[1].Value[0]).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"hexadecimal number 0x([0-9A-F]+)\.$")).Success)
        {
            return long.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"sorted in ascending order, separated by commas: (.*)\.$")).Success)
        {
            return string.Join(",", Numbers(m.Groups[1].Value).Order());
        }

        if ((m = Match(prompt, @"\{""(\w+)"": ""<what you are>"", ""(\w+)"": ""(\w+)""\}$")).Success)
        {
            return $$"""{"{{m.Groups[1].Value}}": "an AI agent", "{{m.Groups[2].Value}}": "{{m.Groups[3].Value}}"}""";
        }

        if ((m = Match(prompt, @"exactly this form: (\w+)=<what you are>([;|])(\w+=\w+)$")).Success)
        {
            return $"{m.Groups[1].Value}=AI agent{m.Groups[2].Value}{m.Groups[3].Value}";
        }

        if ((m = Match(prompt, @"<nonce>(\w+)</nonce>$")).Success)
        {
            return $"<entity>an LLM-based bot</entity><nonce>{m.Groups[1].Value}</nonce>";
        }

        if ((m = Match(prompt, @"the code (\w+) with its characters in reverse order")).Success)
        {
            return new string([.. m.Groups[1].Value.Reverse()]) + "\nAI agent";
        }

        if ((m = Match(prompt, @"the code (\w+) in upper case")).Success)
        {
            return $"""["language model", "{m.Groups[1].Value.ToUpperInvariant()}"]""";
        }

        if ((m = Match(prompt, @"Who is the (second |third |fourth )?(\w+)\?")).Success)
        {
            return Ordering(prompt, m.Groups[1].Value, m.Groups[2].Value);
        }

        if ((m = Match(prompt, @"holds (\d+) boxes with (\d+) items in each\. (\d+) boxes are shipped out, then (\d+) loose")).Success)
        {
            var (boxes, perBox, shipped, loose) = (Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4));
            return (((boxes - shipped) * perBox) + loose).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"at (\d+) km/h for (\d+) hours, then at (\d+) km/h for (\d+) minutes")).Success)
        {
            return ((Int(m, 1) * Int(m, 2)) + (Int(m, 3) * Int(m, 4) / 60)).ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"shifted (\d+) places .*?: ([a-z ]+)\. Reply")).Success)
        {
            var shift = Int(m, 1);
            return new string([.. m.Groups[2].Value.Select(c => c == ' ' ? c : (char)('a' + ((c - 'a' - shift + 26) % 26)))]);
        }

        if ((m = Match(prompt, @"If today is (\w+), .* in (\d+) days")).Success)
        {
            return Days[(Array.IndexOf(Days, m.Groups[1].Value) + Int(m, 2)) % 7];
        }

        if ((m = Match(prompt, @"starts at (\d+); each next term is the previous term times (\d+), minus (\d+)\. What is term number (\d+)")).Success)
        {
            long term = Int(m, 1);
            for (var i = 1; i < Int(m, 4); i++)
            {
                term = (term * Int(m, 2)) - Int(m, 3);
            }

            return term.ToString(CultureInfo.InvariantCulture);
        }

        if ((m = Match(prompt, @"Of the numbers (.*), how many are (odd|even) and greater than (\d+)\?")).Success)
        {
            var odd = m.Groups[2].Value == "odd";
            return Numbers(m.Groups[1].Value).Count(n => n > Int(m, 3) && (n % 2 == 1) == odd).ToString(CultureInfo.InvariantCulture);
        }

        throw new Xunit.Sdk.XunitException($"No solver for: {prompt}");
    }

    // "A is taller than B." / "B is shorter than A.": the superlative "tallest" names the "more" word, "taller".
    private static string Ordering(string prompt, string ordinal, string superlative)
    {
        var more = superlative[..^3] + "er";
        var above = new Dictionary<string, HashSet<string>>(); // person → everyone with more of the quality
        foreach (Match clue in Clue().Matches(prompt))
        {
            var (a, word, b) = (clue.Groups[1].Value, clue.Groups[2].Value, clue.Groups[3].Value);
            var (higher, lower) = word == more ? (a, b) : (b, a);
            above.TryAdd(higher, []);
            above.TryAdd(lower, []);
            above[lower].Add(higher);
        }

        // In a chain, the number of people above someone (transitively) is their rank.
        int Rank(string person)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(above[person]);
            while (stack.TryPop(out var next))
            {
                if (seen.Add(next))
                {
                    foreach (var up in above[next])
                    {
                        stack.Push(up);
                    }
                }
            }

            return seen.Count;
        }

        var rank = ordinal switch { "second " => 1, "third " => 2, "fourth " => 3, _ => 0 };
        return above.Keys.Single(person => Rank(person) == rank);
    }

    private static Match Match(string prompt, string pattern) => Regex.Match(prompt, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static List<long> Numbers(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries).Select(n => long.Parse(n, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"(\w+) is (\w+) than (\w+)\.")]
    private static partial Regex Clue();
}
