using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Refuses operations with more aliases than <see cref="ValidationOptions.MaxAliases"/>, counting a fragment's
/// aliases once per spread. Aliases let one request ask for the same expensive field many times.
/// Code MAX_ALIASES_EXCEEDED.
/// </summary>
public sealed class MaxAliasesRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Options.MaxAliases is not { } max)
        {
            return;
        }
        var aliases = new SelectionMetrics(context).Measure(node.SelectionSet).Aliases;
        if (aliases > max)
        {
            context.ReportError(
                $"{LimitText.OperationLabel(node)} uses {aliases} aliases, which exceeds the maximum of {max}.",
                [node], ErrorCodes.MaxAliasesExceeded);
        }
    }
}
