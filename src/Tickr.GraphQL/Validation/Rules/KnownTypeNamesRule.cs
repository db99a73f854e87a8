using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Known type names (spec §5.5.1.2 Fragment Spread Type Existence and §5.8.2 Variables Are Input Types need it):
/// every type named in a type condition or a variable definition must exist in the schema.
/// </summary>
public sealed class KnownTypeNamesRule : ValidationVisitor
{
    public override void EnterNamedType(ValidationContext context, NamedTypeNode node)
    {
        var name = node.Name.Value;
        if (context.Schema.GetType(name) is null)
        {
            var suggestions = Suggestions.Rank(name, context.Schema.Types.Keys);
            context.ReportError($"Unknown type \"{name}\".{Suggestions.DidYouMean(suggestions)}", node);
        }
    }
}
