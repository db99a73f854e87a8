using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Groups name nodes by value and calls back once per name given more than once, with every occurrence, in order
/// of first occurrence (graphql-js groupBy order). Small lists are scanned without allocating.
/// </summary>
internal static class DuplicateNames
{
    public static void Find<T>(ValidationContext context, IReadOnlyList<T> items, Func<T, NameNode> name, Action<ValidationContext, string, List<SyntaxNode>> report)
    {
        if (items.Count < 2)
        {
            return;
        }
        if (items.Count > 32)
        {
            var groups = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var n = name(items[i]);
                if (!groups.TryGetValue(n.Value, out var list))
                {
                    groups[n.Value] = list = [];
                }
                list.Add(n);
            }
            foreach (var (value, list) in groups)
            {
                if (list.Count > 1)
                {
                    report(context, value, list);
                }
            }
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var value = name(items[i]).Value;
            var seenBefore = false;
            for (var j = 0; j < i && !seenBefore; j++)
            {
                seenBefore = name(items[j]).Value == value;
            }
            if (seenBefore)
            {
                continue;
            }
            List<SyntaxNode>? occurrences = null;
            for (var k = i + 1; k < items.Count; k++)
            {
                if (name(items[k]).Value == value)
                {
                    occurrences ??= [name(items[i])];
                    occurrences.Add(name(items[k]));
                }
            }
            if (occurrences is not null)
            {
                report(context, value, occurrences);
            }
        }
    }
}
