using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Refuses operations whose fields nest deeper than <see cref="ValidationOptions.MaxDepth"/>, counting through
/// fragment spreads and inline fragments (which add no depth themselves). Code MAX_DEPTH_EXCEEDED.
/// </summary>
public sealed class MaxDepthRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Options.MaxDepth is not { } max)
        {
            return;
        }
        var depth = new SelectionMetrics(context).Measure(node.SelectionSet).Depth;
        if (depth > max)
        {
            context.ReportError(
                $"{LimitText.OperationLabel(node)} has a depth of {depth}, which exceeds the maximum depth of {max}.",
                [node], ErrorCodes.MaxDepthExceeded);
        }
    }
}
