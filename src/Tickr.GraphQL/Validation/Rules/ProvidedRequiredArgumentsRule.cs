using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Required Arguments (spec §5.4.2.1): every argument of non-null type without a default value must be given to
/// the field or directive.
/// </summary>
public sealed class ProvidedRequiredArgumentsRule : ValidationVisitor
{
    public override void LeaveField(ValidationContext context, FieldNode node)
    {
        if (context.FieldDefinition is not { } field || field.Arguments.Count == 0)
        {
            return;
        }
        foreach (var argument in field.Arguments)
        {
            if (IsRequired(argument) && !IsGiven(node.Arguments, argument.Name))
            {
                context.ReportError(
                    $"Field \"{field.Name}\" argument \"{argument.Name}\" of type \"{argument.Type.Print()}\" is required, but it was not provided.",
                    node);
            }
        }
    }

    public override void LeaveDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { } directive || directive.Arguments.Count == 0)
        {
            return;
        }
        foreach (var argument in directive.Arguments)
        {
            if (IsRequired(argument) && !IsGiven(node.Arguments, argument.Name))
            {
                context.ReportError(
                    $"Directive \"@{directive.Name}\" argument \"{argument.Name}\" of type \"{argument.Type.Print()}\" is required, but it was not provided.",
                    node);
            }
        }
    }

    private static bool IsRequired(InputValue argument) => argument.Type is NonNullType && argument.DefaultValue is null;

    private static bool IsGiven(IReadOnlyList<ArgumentNode> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name.Value == name)
            {
                return true;
            }
        }
        return false;
    }
}
