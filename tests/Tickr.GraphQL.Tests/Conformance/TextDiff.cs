using System.Text;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>Compares two texts and fails with the first differing lines shown in context.</summary>
internal static class TextDiff
{
    public static void AssertSame(string expected, string actual, string expectedLabel, string actualLabel)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = 0;
        while (first < e.Length && first < a.Length && e[first] == a[first])
        {
            first++;
        }
        var differing = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            if (i >= e.Length || i >= a.Length || e[i] != a[i]) differing++;
        }

        var sb = new StringBuilder();
        sb.Append($"The texts differ from line {first + 1} on ({differing} differing line(s); ");
        sb.Append($"{expectedLabel}: {e.Length} lines, {actualLabel}: {a.Length} lines).\n");
        var from = Math.Max(0, first - 3);
        sb.Append($"--- {expectedLabel}\n");
        for (var i = from; i < Math.Min(e.Length, first + 8); i++) sb.Append(Mark(i, first)).Append(Show(e[i])).Append('\n');
        sb.Append($"+++ {actualLabel}\n");
        for (var i = from; i < Math.Min(a.Length, first + 8); i++) sb.Append(Mark(i, first)).Append(Show(a[i])).Append('\n');
        Assert.Fail(sb.ToString());

        static string Mark(int i, int first) => (i == first ? ">" : " ") + $"{i + 1,5}| ";
        // Trailing spaces and stray carriage returns are the usual culprits: make them visible.
        static string Show(string line) => line.Replace("\r", "\\r", StringComparison.Ordinal).TrimEnd(' ') + (line.EndsWith(' ') ? "·(trailing spaces)" : "");
    }
}
