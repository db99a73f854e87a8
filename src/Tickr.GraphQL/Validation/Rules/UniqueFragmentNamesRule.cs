using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Name Uniqueness (spec §5.5.1.1): fragment definitions are referenced by name, so each name may be
/// defined only once.
/// </summary>
public sealed class UniqueFragmentNamesRule : ValidationVisitor
{
    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        var first = context.GetFragment(node.Name.Value);
        if (first is not null && !ReferenceEquals(first, node))
        {
            context.ReportError($"There can be only one fragment named \"{node.Name.Value}\".", first.Name, node.Name);
        }
    }
}
