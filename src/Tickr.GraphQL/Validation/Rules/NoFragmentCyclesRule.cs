using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Fragment spreads must not form cycles (spec §5.5.2.2): expanding a fragment must terminate. Each cycle is
/// reported once, with the spreads that form it. The search is iterative so long fragment chains cannot
/// exhaust the stack.
/// </summary>
public sealed class NoFragmentCyclesRule : ValidationVisitor
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        HashSet<string>? visited = null;
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is FragmentDefinitionNode fragment)
            {
                visited ??= new HashSet<string>(StringComparer.Ordinal);
                DetectCycles(context, fragment, visited);
            }
        }
    }

    private static void DetectCycles(ValidationContext context, FragmentDefinitionNode root, HashSet<string> visited)
    {
        if (!visited.Add(root.Name.Value))
        {
            return;
        }
        // Depth-first walk: the path of spreads taken, and for each fragment on the path the index of the spread
        // that entered it, so a spread back into the path closes a cycle.
        var spreadPath = new List<FragmentSpreadNode>();
        var indexOnPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var frames = new Stack<(string Name, IReadOnlyList<FragmentSpreadNode> Spreads, int Next)>();
        indexOnPath[root.Name.Value] = 0;
        frames.Push((root.Name.Value, context.GetFragmentSpreads(root), 0));
        while (frames.Count > 0)
        {
            var (name, spreads, next) = frames.Pop();
            if (next >= spreads.Count)
            {
                indexOnPath.Remove(name);
                if (spreadPath.Count > 0)
                {
                    spreadPath.RemoveAt(spreadPath.Count - 1);
                }
                continue;
            }
            frames.Push((name, spreads, next + 1));
            var spread = spreads[next];
            var target = spread.Name.Value;
            if (indexOnPath.TryGetValue(target, out var cycleIndex))
            {
                var cycle = new List<SyntaxNode>(spreadPath.Count - cycleIndex + 1);
                for (var k = cycleIndex; k < spreadPath.Count; k++)
                {
                    cycle.Add(spreadPath[k]);
                }
                cycle.Add(spread);
                var via = new StringBuilder();
                for (var k = 0; k < cycle.Count - 1; k++)
                {
                    if (k > 0) via.Append(", ");
                    via.Append('"').Append(((FragmentSpreadNode)cycle[k]).Name.Value).Append('"');
                }
                var message = via.Length > 0
                    ? $"Cannot spread fragment \"{target}\" within itself via {via}."
                    : $"Cannot spread fragment \"{target}\" within itself.";
                context.ReportError(message, cycle);
                continue;
            }
            if (!visited.Add(target) || context.GetFragment(target) is not { } fragment)
            {
                continue;
            }
            spreadPath.Add(spread);
            indexOnPath[target] = spreadPath.Count;
            frames.Push((target, context.GetFragmentSpreads(fragment), 0));
        }
    }
}
