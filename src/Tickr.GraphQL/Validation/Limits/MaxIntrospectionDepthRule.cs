using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Refuses introspection that nests the list fields <c>fields</c>, <c>interfaces</c>, <c>possibleTypes</c> and
/// <c>inputFields</c> <see cref="ValidationOptions.MaxIntrospectionDepth"/> times or more below a <c>__schema</c>
/// or <c>__type</c> field (graphql-js MaxIntrospectionDepthRule: such queries grow exponentially with the schema).
/// Fragments are followed; each fragment's deepest nesting is computed once. Code INTROSPECTION_DEPTH_EXCEEDED.
/// </summary>
public sealed class MaxIntrospectionDepthRule : ValidationVisitor
{
    private readonly Dictionary<string, int?> _fragments = new(StringComparer.Ordinal);
    private FieldNode? _reported;

    public override void EnterDocument(ValidationContext context, DocumentNode node)
    {
        _fragments.Clear();
        _reported = null;
    }

    public override void EnterField(ValidationContext context, FieldNode node)
    {
        var max = context.Options.MaxIntrospectionDepth;
        if (max <= 0 || _reported is not null)
        {
            return;
        }
        var name = node.Name.Value;
        if (name is not ("__schema" or "__type"))
        {
            return;
        }
        if (Depth(context, node) >= max)
        {
            _reported = node;
            context.ReportError("Maximum introspection depth exceeded", [node], ErrorCodes.IntrospectionDepthExceeded);
        }
    }

    public override void LeaveField(ValidationContext context, FieldNode node)
    {
        if (ReferenceEquals(_reported, node))
        {
            _reported = null;
        }
    }

    // The largest number of nested list fields on any path below (and including) a selection.
    private int Depth(ValidationContext context, SelectionNode selection)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (selection)
        {
            case FieldNode field:
                var own = field.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields" ? 1 : 0;
                return own + (field.SelectionSet is { } sub ? Depth(context, sub) : 0);
            case InlineFragmentNode inline:
                return Depth(context, inline.SelectionSet);
            case FragmentSpreadNode spread:
                var name = spread.Name.Value;
                if (_fragments.TryGetValue(name, out var known))
                {
                    return known ?? 0; // null: on the current path, a cycle
                }
                if (context.GetFragment(name) is not { } fragment)
                {
                    return 0;
                }
                _fragments[name] = null;
                var depth = Depth(context, fragment.SelectionSet);
                _fragments[name] = depth;
                return depth;
            default:
                return 0;
        }
    }

    private int Depth(ValidationContext context, SelectionSetNode set)
    {
        var max = 0;
        for (var i = 0; i < set.Selections.Count; i++)
        {
            max = Math.Max(max, Depth(context, set.Selections[i]));
        }
        return max;
    }
}
