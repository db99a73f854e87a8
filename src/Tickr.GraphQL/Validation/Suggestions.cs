using System.Text;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// "Did you mean …?" hints: candidates close to the input by Damerau-Levenshtein distance (optimal string
/// alignment, case-insensitive), the same heuristic graphql-js uses, so hints read the same.
/// </summary>
internal static class Suggestions
{
    private const int MaxSuggestions = 5;

    /// <summary>Candidates within distance ⌊0.4·|input|⌋+1 of <paramref name="input"/>, closest first.</summary>
    public static List<string> Rank(string input, IEnumerable<string> options)
    {
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var lowerInput = input.ToLowerInvariant();
        var found = new List<(string Option, int Distance)>();
        foreach (var option in options)
        {
            var d = Distance(lowerInput, input, option, threshold);
            if (d <= threshold)
            {
                found.Add((option, d));
            }
        }
        found.Sort(static (x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : NaturalCompare(x.Option, y.Option));
        var result = new List<string>(found.Count);
        foreach (var (option, _) in found)
        {
            result.Add(option);
        }
        return result;
    }

    /// <summary>
    /// " Did you mean "a", "b", or "c"?" (at most five), with an optional phrase after "mean"; empty when there
    /// is nothing to suggest.
    /// </summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions, string? subMessage = null)
    {
        if (suggestions.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder(" Did you mean ");
        if (subMessage is not null)
        {
            sb.Append(subMessage).Append(' ');
        }
        var count = Math.Min(suggestions.Count, MaxSuggestions);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(count == 2 ? " or " : i == count - 1 ? ", or " : ", ");
            }
            sb.Append('"').Append(suggestions[i]).Append('"');
        }
        return sb.Append('?').ToString();
    }

    private static int Distance(string lowerInput, string input, string option, int threshold)
    {
        if (input == option)
        {
            return 0;
        }
        var lowerOption = option.ToLowerInvariant();
        // A difference in case alone is the smallest possible mistake.
        if (lowerInput == lowerOption)
        {
            return 1;
        }
        var a = lowerInput;
        var b = lowerOption;
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }
        if (a.Length - b.Length > threshold)
        {
            return threshold + 1;
        }
        // Three rows suffice for optimal string alignment (adjacent transpositions).
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }
        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var upRow = rows[(i - 1) % 3];
            var currentRow = rows[i % 3];
            var smallest = currentRow[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var current = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current = Math.Min(current, rows[(i - 2) % 3][j - 2] + 1);
                }
                if (current < smallest)
                {
                    smallest = current;
                }
                currentRow[j] = current;
            }
            if (smallest > threshold)
            {
                return threshold + 1;
            }
        }
        var distance = rows[a.Length % 3][b.Length];
        return distance <= threshold ? distance : threshold + 1;
    }

    /// <summary>Orders names with embedded numbers numerically ("a2" before "a10"), like graphql-js naturalCompare.</summary>
    public static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                if (na.Length != nb.Length) return na.Length.CompareTo(nb.Length);
                var c = na.SequenceCompareTo(nb);
                if (c != 0) return c;
            }
            else
            {
                if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
