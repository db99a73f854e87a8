using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Single Root Field (spec §5.2.3.1): a subscription's root selection set must collect exactly one field, and
/// that field must not be an introspection field. As in the current draft and graphql-js, <c>@skip</c> and
/// <c>@include</c> are refused anywhere in the top level selection (including inside fragments spread there),
/// because which root field is selected must not depend on variable values.
/// </summary>
public sealed class SingleRootFieldRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Operation != OperationType.Subscription || context.Schema.SubscriptionType is null)
        {
            return;
        }
        var label = node.Name is { } name ? $"Subscription \"{name.Value}\"" : "Anonymous Subscription";
        var grouped = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        var forbidden = new List<SyntaxNode>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Collect(context, node.SelectionSet, visited, grouped, forbidden);
        if (forbidden.Count > 0)
        {
            context.ReportError($"{label} must not use `@skip` or `@include` directives in the top level selection.", forbidden);
            return;
        }
        if (grouped.Count > 1)
        {
            var extra = new List<SyntaxNode>();
            var first = true;
            foreach (var fields in grouped.Values)
            {
                if (!first)
                {
                    extra.AddRange(fields);
                }
                first = false;
            }
            context.ReportError($"{label} must select only one top level field.", extra);
        }
        foreach (var fields in grouped.Values)
        {
            if (fields[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                context.ReportError($"{label} must not select an introspection top level field.", fields);
            }
        }
    }

    // CollectFields without variable values: every selection counts, and conditional directives are recorded
    // instead of evaluated. Each fragment is entered once, which also keeps fragment cycles finite.
    private static void Collect(ValidationContext context, SelectionSetNode set, HashSet<string> visited,
        Dictionary<string, List<FieldNode>> grouped, List<SyntaxNode> forbidden)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        for (var i = 0; i < set.Selections.Count; i++)
        {
            var selection = set.Selections[i];
            for (var d = 0; d < selection.Directives.Count; d++)
            {
                var directiveName = selection.Directives[d].Name.Value;
                if (directiveName is "skip" or "include")
                {
                    forbidden.Add(selection.Directives[d]);
                }
            }
            switch (selection)
            {
                case FieldNode field:
                    if (!grouped.TryGetValue(field.ResponseKey, out var list))
                    {
                        grouped[field.ResponseKey] = list = [];
                    }
                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    Collect(context, inline.SelectionSet, visited, grouped, forbidden);
                    break;
                case FragmentSpreadNode spread:
                    if (visited.Add(spread.Name.Value) && context.GetFragment(spread.Name.Value) is { } fragment)
                    {
                        Collect(context, fragment.SelectionSet, visited, grouped, forbidden);
                    }
                    break;
            }
        }
    }
}
