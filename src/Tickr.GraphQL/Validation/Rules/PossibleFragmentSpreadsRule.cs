using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Fragment spread is possible (spec §5.5.2.3): a fragment may only be spread where some object type could
/// satisfy both the parent type and the fragment's type condition.
/// </summary>
public sealed class PossibleFragmentSpreadsRule : ValidationVisitor
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (context.Type is NamedType fragmentType && fragmentType.IsCompositeType()
            && context.ParentType is { } parentType
            && !TypeRelations.DoTypesOverlap(context.Schema, fragmentType, parentType))
        {
            context.ReportError(
                $"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".",
                node);
        }
    }

    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        if (context.GetFragment(node.Name.Value) is not { } fragment
            || context.Schema.GetType(fragment.TypeCondition.Name.Value) is not { } fragmentType
            || !fragmentType.IsCompositeType()
            || context.ParentType is not { } parentType)
        {
            return;
        }
        if (!TypeRelations.DoTypesOverlap(context.Schema, fragmentType, parentType))
        {
            context.ReportError(
                $"Fragment \"{node.Name.Value}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".",
                node);
        }
    }
}
