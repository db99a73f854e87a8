using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// All Variable Uses Defined (spec §5.8.3): every variable used in an operation, or in a fragment it spreads
/// (transitively), must be defined by that operation.
/// </summary>
public sealed class NoUndefinedVariablesRule : ValidationVisitor
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is not OperationDefinitionNode op)
            {
                continue;
            }
            var usages = context.GetRecursiveVariableUsages(op);
            // Large documents get a set so that checking stays linear.
            HashSet<string>? defined = null;
            if (usages.Count > 8 && op.VariableDefinitions.Count > 8)
            {
                defined = new HashSet<string>(StringComparer.Ordinal);
                for (var d = 0; d < op.VariableDefinitions.Count; d++)
                {
                    defined.Add(op.VariableDefinitions[d].Variable.Name.Value);
                }
            }
            for (var u = 0; u < usages.Count; u++)
            {
                var variable = usages[u].Node;
                if (defined?.Contains(variable.Name.Value) ?? IsDefined(op, variable.Name.Value))
                {
                    continue;
                }
                var message = op.Name is { } name
                    ? $"Variable \"${variable.Name.Value}\" is not defined by operation \"{name.Value}\"."
                    : $"Variable \"${variable.Name.Value}\" is not defined.";
                context.ReportError(message, variable, op);
            }
        }
    }

    private static bool IsDefined(OperationDefinitionNode op, string name)
    {
        var definitions = op.VariableDefinitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i].Variable.Name.Value == name)
            {
                return true;
            }
        }
        return false;
    }
}
