using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Directives Are Unique Per Location (spec §5.7.3): a non-repeatable directive may be applied at most once to
/// the same node. Unknown directives are left to <see cref="KnownDirectivesRule"/>.
/// </summary>
public sealed class UniqueDirectivesPerLocationRule : ValidationVisitor
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node) => Check(context, node.Directives);
    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => Check(context, node.Directives);
    public override void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node) => Check(context, node.Directives);
    public override void EnterField(ValidationContext context, FieldNode node) => Check(context, node.Directives);
    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node) => Check(context, node.Directives);
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node) => Check(context, node.Directives);

    private static void Check(ValidationContext context, IReadOnlyList<DirectiveNode> directives)
    {
        for (var i = 1; i < directives.Count; i++)
        {
            var name = directives[i].Name.Value;
            if (context.Schema.GetDirective(name) is not { IsRepeatable: false })
            {
                continue;
            }
            for (var j = 0; j < i; j++)
            {
                if (directives[j].Name.Value == name)
                {
                    context.ReportError($"The directive \"@{name}\" can only be used once at this location.", directives[j], directives[i]);
                    break;
                }
            }
        }
    }
}
