using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// All Variable Usages Are Allowed (spec §5.8.5): a variable's type must be compatible with every position it is
/// used in. A nullable variable may flow into a non-null position only when the variable or the position has a
/// non-null default value. A variable used as the field of a OneOf input object must be non-nullable.
/// </summary>
public sealed class VariablesInAllowedPositionRule : ValidationVisitor
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is not OperationDefinitionNode { VariableDefinitions.Count: > 0 } op)
            {
                continue;
            }
            var usages = context.GetRecursiveVariableUsages(op);
            Dictionary<string, VariableDefinitionNode>? byName = null;
            if (usages.Count > 8 && op.VariableDefinitions.Count > 8)
            {
                byName = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
                for (var d = 0; d < op.VariableDefinitions.Count; d++)
                {
                    byName.TryAdd(op.VariableDefinitions[d].Variable.Name.Value, op.VariableDefinitions[d]);
                }
            }
            for (var u = 0; u < usages.Count; u++)
            {
                Check(context, op, usages[u], byName);
            }
        }
    }

    private static void Check(ValidationContext context, OperationDefinitionNode op, VariableUsage usage, Dictionary<string, VariableDefinitionNode>? byName)
    {
        var name = usage.Node.Name.Value;
        var definition = byName?.GetValueOrDefault(name);
        for (var d = 0; byName is null && d < op.VariableDefinitions.Count; d++)
        {
            if (op.VariableDefinitions[d].Variable.Name.Value == name)
            {
                definition = op.VariableDefinitions[d];
                break;
            }
        }
        if (definition is null || usage.Type is not { } locationType || context.GetTypeFromAst(definition.Type) is not { } variableType)
        {
            return;
        }
        if (!IsAllowed(context.Schema, variableType, definition.DefaultValue, locationType, usage.DefaultValue))
        {
            context.ReportError(
                $"Variable \"${name}\" of type \"{variableType.Print()}\" used in position expecting type \"{locationType.Print()}\".",
                definition, usage.Node);
        }
        else if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && variableType is not NonNullType)
        {
            context.ReportError(
                $"Variable \"${name}\" is of type \"{variableType.Print()}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".",
                definition, usage.Node);
        }
    }

    private static bool IsAllowed(Schema schema, IGraphQLType variableType, ValueNode? variableDefault, IGraphQLType locationType, ValueNode? locationDefault)
    {
        if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
            if (!hasNonNullVariableDefault && locationDefault is null)
            {
                return false;
            }
            return TypeRelations.IsTypeSubTypeOf(schema, variableType, nonNullLocation.OfType);
        }
        return TypeRelations.IsTypeSubTypeOf(schema, variableType, locationType);
    }
}
