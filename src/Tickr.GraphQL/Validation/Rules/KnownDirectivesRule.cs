using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Directives Are Defined (spec §5.7.1) and Directives Are In Valid Locations (spec §5.7.2): a directive must be
/// known to the schema and declared for the location it is applied to.
/// </summary>
public sealed class KnownDirectivesRule : ValidationVisitor
{
    public override void EnterDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { } directive)
        {
            context.ReportError($"Unknown directive \"@{node.Name.Value}\".", node);
            return;
        }
        var location = context.DirectiveLocation;
        var locations = directive.Locations;
        for (var i = 0; i < locations.Count; i++)
        {
            if (locations[i] == location)
            {
                return;
            }
        }
        context.ReportError($"Directive \"@{node.Name.Value}\" may not be used on {location}.", node);
    }
}
