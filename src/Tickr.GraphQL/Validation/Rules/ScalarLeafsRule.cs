using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Leaf Field Selections (spec §5.3.3): a field of scalar or enum type must not have a selection set, and a
/// field of object, interface or union type must have one.
/// </summary>
public sealed class ScalarLeafsRule : ValidationVisitor
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.Type is not { } type)
        {
            return;
        }
        if (type.IsLeafType())
        {
            if (node.SelectionSet is { } selectionSet)
            {
                context.ReportError($"Field \"{node.Name.Value}\" must not have a selection since type \"{type.Print()}\" has no subfields.", selectionSet);
            }
        }
        else if (node.SelectionSet is null)
        {
            context.ReportError($"Field \"{node.Name.Value}\" of type \"{type.Print()}\" must have a selection of subfields. Did you mean \"{node.Name.Value} {{ ... }}\"?", node);
        }
    }
}
