using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Refuses operations whose static cost (<see cref="CostAnalyzer"/>, variables taken at their defaults) exceeds
/// <see cref="ValidationOptions.MaxCost"/>. Code MAX_COST_EXCEEDED.
/// </summary>
public sealed class CostRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Options.MaxCost is not { } max)
        {
            return;
        }
        var cost = CostAnalyzer.Analyze(context, node);
        if (cost > max)
        {
            context.ReportError(
                $"{LimitText.OperationLabel(node)} has a cost of {cost}, which exceeds the maximum cost of {max}.",
                [node], ErrorCodes.MaxCostExceeded);
        }
    }
}
