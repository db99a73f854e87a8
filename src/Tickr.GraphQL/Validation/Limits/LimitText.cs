using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

internal static class LimitText
{
    public static string OperationLabel(OperationDefinitionNode node) =>
        node.Name is { } name ? $"Operation \"{name.Value}\"" : "The operation";
}
