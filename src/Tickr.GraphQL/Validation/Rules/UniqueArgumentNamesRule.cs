using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Argument Uniqueness (spec §5.4.2): a field or directive must not be given the same argument twice. Each
/// repeated name is reported once, with every occurrence.
/// </summary>
public sealed class UniqueArgumentNamesRule : ValidationVisitor
{
    private static readonly Func<ArgumentNode, NameNode> NameOf = static a => a.Name;
    private static readonly Action<ValidationContext, string, List<SyntaxNode>> Report =
        static (context, name, nodes) => context.ReportError($"There can be only one argument named \"{name}\".", nodes);

    public override void EnterField(ValidationContext context, FieldNode node) => DuplicateNames.Find(context, node.Arguments, NameOf, Report);
    public override void EnterDirective(ValidationContext context, DirectiveNode node) => DuplicateNames.Find(context, node.Arguments, NameOf, Report);
}
