using System.Globalization;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Static cost of an operation: the sum over every selected field of its cost times the product of the list-size
/// multipliers of the list fields enclosing it.
/// <list type="bullet">
/// <item>A field's cost is <see cref="OutputField.Cost"/>; when unset, 1 for object, interface and union fields
/// and 0 for leaf fields. <c>__typename</c> costs 0.</item>
/// <item>A list field multiplies what is selected below it by: the largest value given to one of its
/// <see cref="OutputField.SlicingArguments"/> (a literal, a variable's value, or the variable's default); else
/// <see cref="OutputField.ListSize"/>; else <see cref="DefaultListSize"/>.</item>
/// </list>
/// Fragments are costed once per operation and reused at each spread; fields of unknown types cost nothing.
/// The result saturates at <see cref="long.MaxValue"/>.
/// </summary>
public static class CostAnalyzer
{
    /// <summary>The multiplier assumed for a list field that declares no size.</summary>
    public const int DefaultListSize = 10;

    /// <summary>
    /// The cost of the operation named <paramref name="operationName"/> (or of the only operation when null);
    /// 0 when there is no such operation.
    /// </summary>
    public static long Analyze(Schema schema, DocumentNode document, string? operationName = null, IReadOnlyDictionary<string, object?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        OperationDefinitionNode? operation = null;
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case OperationDefinitionNode op when operationName is null ? operation is null : op.Name?.Value == operationName:
                    operation = op;
                    break;
                case FragmentDefinitionNode fragment:
                    fragments.TryAdd(fragment.Name.Value, fragment);
                    break;
            }
        }
        if (operation is null)
        {
            return 0;
        }
        try
        {
            return new Calculator(schema, name => fragments.GetValueOrDefault(name), operation, variables).Run();
        }
        catch (InsufficientExecutionStackException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>Cost of one operation of a document being validated (no variable values: defaults are used).</summary>
    internal static long Analyze(ValidationContext context, OperationDefinitionNode operation) =>
        new Calculator(context.Schema, context.GetFragment, operation, null).Run();

    private sealed class Calculator(
        Schema schema,
        Func<string, FragmentDefinitionNode?> getFragment,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? variables)
    {
        private readonly SchemaInfo _info = SchemaInfo.For(schema);
        private readonly Dictionary<string, double?> _fragments = new(StringComparer.Ordinal);

        public long Run()
        {
            var root = schema.GetRootType(operation.Operation);
            if (root is null)
            {
                return 0;
            }
            var cost = Cost(root, operation.SelectionSet);
            return cost >= long.MaxValue ? long.MaxValue : (long)cost;
        }

        private double Cost(NamedType? parentType, SelectionSetNode selectionSet)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            double total = 0;
            var selections = selectionSet.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                switch (selections[i])
                {
                    case FieldNode field:
                        total += FieldCost(parentType, field);
                        break;
                    case InlineFragmentNode inline:
                        total += Cost(inline.TypeCondition is { } condition ? schema.GetType(condition.Name.Value) : parentType, inline.SelectionSet);
                        break;
                    case FragmentSpreadNode spread:
                        total += FragmentCost(spread.Name.Value);
                        break;
                }
            }
            return total;
        }

        private double FieldCost(NamedType? parentType, FieldNode field)
        {
            if (parentType is null || _info.GetFieldDef(parentType, field.Name.Value) is not { } definition
                || ReferenceEquals(definition, _info.TypeNameField))
            {
                return 0;
            }
            var named = definition.Type.NamedType();
            double own = definition.Cost ?? (named.IsCompositeType() ? 1 : 0);
            if (field.SelectionSet is not { } sub)
            {
                return own;
            }
            var children = Cost(named, sub);
            return own + (definition.Type.IsList() ? Multiplier(definition, field) * children : children);
        }

        private double Multiplier(OutputField definition, FieldNode field)
        {
            long? best = null;
            for (var s = 0; s < definition.SlicingArguments.Count; s++)
            {
                var name = definition.SlicingArguments[s];
                for (var a = 0; a < field.Arguments.Count; a++)
                {
                    if (field.Arguments[a].Name.Value == name && ArgumentValue(field.Arguments[a].Value) is { } value)
                    {
                        best = best is null ? value : Math.Max(best.Value, value);
                    }
                }
            }
            return best ?? definition.ListSize ?? DefaultListSize;
        }

        private long? ArgumentValue(ValueNode value)
        {
            switch (value)
            {
                case IntValueNode i:
                    return long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? Math.Max(0, n) : null;
                case VariableNode v:
                    if (variables is not null && variables.TryGetValue(v.Name.Value, out var given))
                    {
                        return given switch
                        {
                            int x => Math.Max(0, x),
                            long x => Math.Max(0, x),
                            double x when x >= 0 && x <= long.MaxValue => (long)x,
                            decimal x when x >= 0 && x <= long.MaxValue => (long)x,
                            _ => null,
                        };
                    }
                    for (var d = 0; d < operation.VariableDefinitions.Count; d++)
                    {
                        var definition = operation.VariableDefinitions[d];
                        if (definition.Variable.Name.Value == v.Name.Value && definition.DefaultValue is IntValueNode)
                        {
                            return ArgumentValue(definition.DefaultValue);
                        }
                    }
                    return null;
                default:
                    return null;
            }
        }

        private double FragmentCost(string name)
        {
            if (_fragments.TryGetValue(name, out var known))
            {
                return known ?? 0; // null: being costed, i.e. a cycle (reported by NoFragmentCyclesRule)
            }
            if (getFragment(name) is not { } fragment)
            {
                return 0;
            }
            _fragments[name] = null;
            var cost = Cost(schema.GetType(fragment.TypeCondition.Name.Value), fragment.SelectionSet);
            _fragments[name] = cost;
            return cost;
        }
    }
}
