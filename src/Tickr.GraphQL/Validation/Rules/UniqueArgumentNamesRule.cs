using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Argument Uniqueness (spec §5.4.2): a field or directive must not be given the same argument twice.
/// </summary>
public sealed class UniqueArgumentNamesRule : ValidationVisitor
{
    public override void EnterField(ValidationContext context, FieldNode node) => Check(context, node.Arguments);
    public override void EnterDirective(ValidationContext context, DirectiveNode node) => Check(context, node.Arguments);

    private static void Check(ValidationContext context, IReadOnlyList<ArgumentNode> arguments)
    {
        for (var i = 1; i < arguments.Count; i++)
        {
            var name = arguments[i].Name.Value;
            var earlier = 0;
            for (var j = 0; j < i; j++)
            {
                if (arguments[j].Name.Value == name)
                {
                    earlier++;
                }
            }
            // Report each name once, at its second occurrence, with every occurrence.
            if (earlier != 1)
            {
                continue;
            }
            var nodes = new List<SyntaxNode>();
            for (var k = 0; k < arguments.Count; k++)
            {
                if (arguments[k].Name.Value == name)
                {
                    nodes.Add(arguments[k].Name);
                }
            }
            context.ReportError($"There can be only one argument named \"{name}\".", nodes);
        }
    }
}
