using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Variables Are Input Types (spec §5.8.2): a variable's type must be a scalar, enum or input object type
/// (possibly wrapped), never an output-only type.
/// </summary>
public sealed class VariablesAreInputTypesRule : ValidationVisitor
{
    public override void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node)
    {
        if (context.GetTypeFromAst(node.Type) is { } type && !type.IsInputType())
        {
            context.ReportError($"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{type.Print()}\".", node.Type);
        }
    }
}
