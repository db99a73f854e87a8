using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Limits;

/// <summary>
/// Refuses operations selecting more fields than <see cref="ValidationOptions.MaxFields"/> once fragments are
/// expanded (each field node counts once per time it is reached through spreads). Code MAX_FIELDS_EXCEEDED.
/// </summary>
public sealed class MaxFieldsRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (context.Options.MaxFields is not { } max)
        {
            return;
        }
        var fields = new SelectionMetrics(context).Measure(node.SelectionSet).Fields;
        if (fields > max)
        {
            context.ReportError(
                $"{LimitText.OperationLabel(node)} selects {fields} fields, which exceeds the maximum of {max}.",
                [node], ErrorCodes.MaxFieldsExceeded);
        }
    }
}
