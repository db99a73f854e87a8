using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>Variable Uniqueness (spec §5.8.1): an operation must not define two variables with the same name.</summary>
public sealed class UniqueVariableNamesRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        var definitions = node.VariableDefinitions;
        for (var i = 1; i < definitions.Count; i++)
        {
            var name = definitions[i].Variable.Name.Value;
            var firstIndex = -1;
            for (var j = 0; j < i; j++)
            {
                if (definitions[j].Variable.Name.Value == name)
                {
                    firstIndex = j;
                    break;
                }
            }
            // Report each name once, at its second definition, listing every definition of it.
            if (firstIndex < 0 || HasEarlierDuplicate(definitions, firstIndex, i, name))
            {
                continue;
            }
            var nodes = new List<SyntaxNode>();
            for (var k = 0; k < definitions.Count; k++)
            {
                if (definitions[k].Variable.Name.Value == name)
                {
                    nodes.Add(definitions[k].Variable.Name);
                }
            }
            context.ReportError($"There can be only one variable named \"${name}\".", nodes);
        }
    }

    private static bool HasEarlierDuplicate(IReadOnlyList<VariableDefinitionNode> definitions, int first, int current, string name)
    {
        for (var k = first + 1; k < current; k++)
        {
            if (definitions[k].Variable.Name.Value == name)
            {
                return true;
            }
        }
        return false;
    }
}
