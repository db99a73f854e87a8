using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Lone Anonymous Operation (spec §5.2.2.1): an operation without a name (including the query shorthand) is only
/// allowed when it is the document's only operation.
/// </summary>
public sealed class LoneAnonymousOperationRule : ValidationVisitor
{
    public override void EnterDocument(ValidationContext context, DocumentNode node)
    {
        var definitions = node.Definitions;
        var operations = 0;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is OperationDefinitionNode)
            {
                operations++;
            }
        }
        if (operations < 2)
        {
            return;
        }
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is OperationDefinitionNode { Name: null } anonymous)
            {
                context.ReportError("This anonymous operation must be the only defined operation.", anonymous);
            }
        }
    }
}
