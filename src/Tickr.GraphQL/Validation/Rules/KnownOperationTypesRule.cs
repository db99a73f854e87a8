using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Operation Type Existence (spec draft §5.2.1, graphql-js KnownOperationTypesRule): the schema must define a
/// root type for the operation's kind, e.g. a mutation needs a Mutation type.
/// </summary>
public sealed class KnownOperationTypesRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Schema.GetRootType(node.Operation) is null)
        {
            var kind = node.Operation switch
            {
                OperationType.Query => "query",
                OperationType.Mutation => "mutation",
                _ => "subscription",
            };
            context.ReportError($"The {kind} operation is not supported by the schema.", node);
        }
    }
}
