using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Size measures of an operation with fragments expanded: field nesting depth, number of field selections and
/// number of aliases. Each fragment is measured once and its measures reused at every spread, so documents
/// that spread fragments exponentially are measured in linear time (counts saturate instead of overflowing).
/// A fragment spread inside its own expansion counts as empty (the cycle is reported by NoFragmentCyclesRule).
/// </summary>
internal sealed class SelectionMetrics
{
    private readonly ValidationContext _context;
    private readonly Dictionary<string, Result?> _fragments = new(StringComparer.Ordinal);

    public SelectionMetrics(ValidationContext context) => _context = context;

    public readonly record struct Result(int Depth, long Fields, long Aliases);

    public Result Measure(SelectionSetNode selectionSet)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var depth = 0;
        long fields = 0;
        long aliases = 0;
        var selections = selectionSet.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            Result inner;
            switch (selections[i])
            {
                case FieldNode field:
                    inner = field.SelectionSet is { } sub ? Measure(sub) : default;
                    inner = new Result(inner.Depth + 1, Add(inner.Fields, 1), Add(inner.Aliases, field.Alias is null ? 0 : 1));
                    break;
                case InlineFragmentNode inline:
                    inner = Measure(inline.SelectionSet);
                    break;
                case FragmentSpreadNode spread:
                    inner = MeasureFragment(spread.Name.Value);
                    break;
                default:
                    continue;
            }
            depth = Math.Max(depth, inner.Depth);
            fields = Add(fields, inner.Fields);
            aliases = Add(aliases, inner.Aliases);
        }
        return new Result(depth, fields, aliases);
    }

    private Result MeasureFragment(string name)
    {
        if (_fragments.TryGetValue(name, out var known))
        {
            return known ?? default; // null: being measured, i.e. a cycle
        }
        if (_context.GetFragment(name) is not { } fragment)
        {
            return default;
        }
        _fragments[name] = null;
        var measure = Measure(fragment.SelectionSet);
        _fragments[name] = measure;
        return measure;
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
