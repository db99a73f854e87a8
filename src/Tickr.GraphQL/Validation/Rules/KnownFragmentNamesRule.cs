using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>Fragment spread target defined (spec §5.5.2.1): every named spread must refer to a fragment of the document.</summary>
public sealed class KnownFragmentNamesRule : ValidationVisitor
{
    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        if (context.GetFragment(node.Name.Value) is null)
        {
            context.ReportError($"Unknown fragment \"{node.Name.Value}\".", node.Name);
        }
    }
}
