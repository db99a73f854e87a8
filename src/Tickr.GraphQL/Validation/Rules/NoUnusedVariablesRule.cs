using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// All Variables Used (spec §5.8.4): every variable an operation defines must be used by the operation or by a
/// fragment it spreads (transitively).
/// </summary>
public sealed class NoUnusedVariablesRule : ValidationVisitor
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
            var definitions = op.VariableDefinitions;
            // Large documents get a set so that checking stays linear.
            HashSet<string>? usedNames = null;
            if (usages.Count > 8 && definitions.Count > 8)
            {
                usedNames = new HashSet<string>(StringComparer.Ordinal);
                for (var u = 0; u < usages.Count; u++)
                {
                    usedNames.Add(usages[u].Node.Name.Value);
                }
            }
            for (var d = 0; d < definitions.Count; d++)
            {
                var name = definitions[d].Variable.Name.Value;
                var used = usedNames?.Contains(name) ?? false;
                for (var u = 0; usedNames is null && u < usages.Count && !used; u++)
                {
                    used = usages[u].Node.Name.Value == name;
                }
                if (used)
                {
                    continue;
                }
                var message = op.Name is { } opName
                    ? $"Variable \"${name}\" is never used in operation \"{opName.Value}\"."
                    : $"Variable \"${name}\" is never used.";
                context.ReportError(message, definitions[d]);
            }
        }
    }
}
