using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// CollectFields (spec §6.3.2): flattens a selection set for one object type into response keys in order,
/// honouring @skip/@include, fragment spreads (each at most once) and type conditions, and merging the field
/// nodes that share a response key.
/// </summary>
internal static class FieldCollector
{
    private const int LinearSearchLimit = 12;

    [ThreadStatic]
    private static List<FieldPlan>? t_scratch;

    [ThreadStatic]
    private static HashSet<string>? t_visited;

    public static FieldPlan[] CollectRoot(OperationContext context, ObjectType type, SelectionSetNode selectionSet)
    {
        var fields = RentScratch();
        HashSet<string>? visited = null;
        Dictionary<string, FieldPlan>? index = null;
        Collect(context, type, selectionSet, fields, ref visited, ref index);
        return ReturnScratch(fields, visited);
    }

    public static FieldPlan[] CollectSubfields(OperationContext context, ObjectType type, FieldPlan parent)
    {
        var fields = RentScratch();
        HashSet<string>? visited = null;
        Dictionary<string, FieldPlan>? index = null;
        if (parent.HasMergedNodes)
        {
            var nodes = parent.Nodes;
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i].SelectionSet is { } set) Collect(context, type, set, fields, ref visited, ref index);
            }
        }
        else if (parent.Node.SelectionSet is { } only)
        {
            Collect(context, type, only, fields, ref visited, ref index);
        }
        return ReturnScratch(fields, visited);
    }

    private static List<FieldPlan> RentScratch()
    {
        var list = t_scratch ?? new List<FieldPlan>(16);
        t_scratch = null;
        return list;
    }

    private static FieldPlan[] ReturnScratch(List<FieldPlan> list, HashSet<string>? visited)
    {
        if (visited is not null)
        {
            visited.Clear();
            t_visited = visited;
        }
        var result = list.Count == 0 ? [] : list.ToArray();
        list.Clear();
        if (list.Capacity <= 256) t_scratch = list;
        return result;
    }

    private static void Collect(
        OperationContext context,
        ObjectType type,
        SelectionSetNode selectionSet,
        List<FieldPlan> fields,
        ref HashSet<string>? visitedFragments,
        ref Dictionary<string, FieldPlan>? index)
    {
        var selections = selectionSet.Selections;
        for (var s = 0; s < selections.Count; s++)
        {
            var selection = selections[s];
            if (selection.Directives.Count > 0 && !ShouldInclude(selection.Directives, context.Variables))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                {
                    var key = field.Alias?.Value ?? field.Name.Value;
                    var existing = Find(fields, index, key);
                    if (existing is not null)
                    {
                        existing.AddNode(field);
                        continue;
                    }
                    var plan = CreatePlan(context, type, field);
                    if (plan is null)
                    {
                        continue;
                    }
                    fields.Add(plan);
                    if (index is not null)
                    {
                        index[key] = plan;
                    }
                    else if (fields.Count > LinearSearchLimit)
                    {
                        index = new Dictionary<string, FieldPlan>(StringComparer.Ordinal);
                        foreach (var f in fields) index[f.ResponseKey] = f;
                    }
                    break;
                }

                case InlineFragmentNode inline:
                    if (inline.TypeCondition is null || DoesTypeConditionApply(context.Schema, type, inline.TypeCondition))
                    {
                        Collect(context, type, inline.SelectionSet, fields, ref visitedFragments, ref index);
                    }
                    break;

                case FragmentSpreadNode spread:
                {
                    var name = spread.Name.Value;
                    if (visitedFragments is null)
                    {
                        visitedFragments = t_visited ?? new HashSet<string>(StringComparer.Ordinal);
                        t_visited = null;
                    }
                    if (!visitedFragments.Add(name))
                    {
                        continue;
                    }
                    if (context.Document.GetFragment(name) is { } fragment
                        && DoesTypeConditionApply(context.Schema, type, fragment.TypeCondition))
                    {
                        Collect(context, type, fragment.SelectionSet, fields, ref visitedFragments, ref index);
                    }
                    break;
                }
            }
        }
    }

    private static FieldPlan? Find(List<FieldPlan> fields, Dictionary<string, FieldPlan>? index, string key)
    {
        if (index is not null)
        {
            return index.GetValueOrDefault(key);
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].ResponseKey, key, StringComparison.Ordinal)) return fields[i];
        }
        return null;
    }

    private static FieldPlan? CreatePlan(OperationContext context, ObjectType type, FieldNode node)
    {
        var shared = context.Document.SharesPlans;
        var name = node.Name.Value;
        if (name.Length > 2 && name[0] == '_' && name[1] == '_')
        {
            if (name == "__typename")
            {
                return new FieldPlan(node, type, null, FieldPlanKind.TypeName, shared);
            }
            if (ReferenceEquals(type, context.Schema.QueryType) && IntrospectionHook.GetRootField(name) is { } meta)
            {
                return new FieldPlan(node, type, meta, FieldPlanKind.Field, shared);
            }
        }
        // Unknown fields are rejected by validation; when executing unvalidated documents they are skipped.
        return type.Fields[name] is { } definition ? new FieldPlan(node, type, definition, FieldPlanKind.Field, shared) : null;
    }

    /// <summary>@skip(if:) / @include(if:) (spec §3.13.2, §3.13.3).</summary>
    internal static bool ShouldInclude(IReadOnlyList<DirectiveNode> directives, IReadOnlyDictionary<string, object?> variables)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            var name = directive.Name.Value;
            if (name == "skip")
            {
                if (IfArgument(directive, variables) == true) return false;
            }
            else if (name == "include")
            {
                if (IfArgument(directive, variables) == false) return false;
            }
        }
        return true;
    }

    private static bool? IfArgument(DirectiveNode directive, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var argument in directive.Arguments)
        {
            if (argument.Name.Value != "if") continue;
            return argument.Value switch
            {
                BooleanValueNode b => b.Value,
                VariableNode v => variables.TryGetValue(v.Name.Value, out var value) && value is bool flag ? flag : null,
                _ => null,
            };
        }
        return null;
    }

    /// <summary>DoesFragmentTypeApply (spec §6.3.2).</summary>
    internal static bool DoesTypeConditionApply(Schema schema, ObjectType objectType, NamedTypeNode condition)
    {
        var name = condition.Name.Value;
        if (string.Equals(name, objectType.Name, StringComparison.Ordinal))
        {
            return true;
        }
        return schema.GetType(name) is { } conditionType
            && conditionType is InterfaceType or UnionType
            && schema.IsPossibleType(conditionType, objectType);
    }
}
