using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Fragments On Composite Types (spec §5.5.1.3): a fragment's type condition must be an object, interface or
/// union type, since only those have selectable fields.
/// </summary>
public sealed class FragmentsOnCompositeTypesRule : ValidationVisitor
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (node.TypeCondition is { } condition && context.Schema.GetType(condition.Name.Value) is { } type && !type.IsCompositeType())
        {
            context.ReportError($"Fragment cannot condition on non composite type \"{type.Name}\".", condition);
        }
    }

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        if (context.Schema.GetType(node.TypeCondition.Name.Value) is { } type && !type.IsCompositeType())
        {
            context.ReportError($"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{type.Name}\".", node.TypeCondition);
        }
    }
}
