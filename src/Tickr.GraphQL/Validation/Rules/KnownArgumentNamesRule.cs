using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Argument Names (spec §5.4.1): every argument given to a field or directive must be defined by it.
/// </summary>
public sealed class KnownArgumentNamesRule : ValidationVisitor
{
    public override void EnterArgument(ValidationContext context, ArgumentNode node)
    {
        if (context.Argument is not null)
        {
            return;
        }
        var name = node.Name.Value;
        if (context.Directive is { } directive)
        {
            context.ReportError($"Unknown argument \"{name}\" on directive \"@{directive.Name}\".{Hint(name, directive.Arguments)}", node);
        }
        else if (context.FieldDefinition is { } field && context.ParentType is { } parent && !_inUnknownDirective)
        {
            context.ReportError($"Unknown argument \"{name}\" on field \"{parent.Name}.{field.Name}\".{Hint(name, field.Arguments)}", node);
        }
    }

    private static string Hint(string name, FieldCollection<InputValue> arguments)
    {
        var names = new List<string>(arguments.Count);
        foreach (var a in arguments)
        {
            names.Add(a.Name);
        }
        return Suggestions.DidYouMean(Suggestions.Rank(name, names));
    }

    // Arguments of an unknown directive belong to no definition; KnownDirectivesRule reports the directive.
    private bool _inUnknownDirective;

    public override void EnterDirective(ValidationContext context, DirectiveNode node) => _inUnknownDirective = context.Directive is null;

    public override void LeaveDirective(ValidationContext context, DirectiveNode node) => _inUnknownDirective = false;
}
