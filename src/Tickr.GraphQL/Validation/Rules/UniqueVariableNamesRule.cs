using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Variable Uniqueness (spec §5.8.1): an operation must not define two variables with the same name. Each
/// repeated name is reported once, with every definition of it.
/// </summary>
public sealed class UniqueVariableNamesRule : ValidationVisitor
{
    private static readonly Func<VariableDefinitionNode, NameNode> NameOf = static v => v.Variable.Name;
    private static readonly Action<ValidationContext, string, List<SyntaxNode>> Report =
        static (context, name, nodes) => context.ReportError($"There can be only one variable named \"${name}\".", nodes);

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node) =>
        DuplicateNames.Find(context, node.VariableDefinitions, NameOf, Report);
}
