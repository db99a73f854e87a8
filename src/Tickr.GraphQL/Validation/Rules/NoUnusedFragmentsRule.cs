using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Fragments Must Be Used (spec §5.5.1.4): every fragment must be spread, directly or through other fragments,
/// by at least one operation.
/// </summary>
public sealed class NoUnusedFragmentsRule : ValidationVisitor
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        var hasFragments = false;
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is FragmentDefinitionNode)
            {
                hasFragments = true;
                break;
            }
        }
        if (!hasFragments)
        {
            return;
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is OperationDefinitionNode op)
            {
                var fragments = context.GetRecursivelyReferencedFragments(op);
                for (var f = 0; f < fragments.Count; f++)
                {
                    used.Add(fragments[f].Name.Value);
                }
            }
        }
        for (var i = 0; i < context.DefinitionCount; i++)
        {
            if (context.GetDefinition(i) is FragmentDefinitionNode fragment && !used.Contains(fragment.Name.Value))
            {
                context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
            }
        }
    }
}
