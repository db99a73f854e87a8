using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Operation Name Uniqueness (spec §5.2.1.1): each named operation must be unique within the document, so an
/// operation can be chosen by name.
/// </summary>
public sealed class OperationNameUniquenessRule : ValidationVisitor
{
    public override void EnterDocument(ValidationContext context, DocumentNode node)
    {
        var definitions = node.Definitions;
        if (definitions.Count > 32)
        {
            var first = new Dictionary<string, NameNode>(StringComparer.Ordinal);
            for (var i = 0; i < definitions.Count; i++)
            {
                if (definitions[i] is OperationDefinitionNode { Name: { } n } && !first.TryAdd(n.Value, n))
                {
                    context.ReportError($"There can be only one operation named \"{n.Value}\".", first[n.Value], n);
                }
            }
            return;
        }
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is not OperationDefinitionNode { Name: { } name })
            {
                continue;
            }
            for (var j = 0; j < i; j++)
            {
                if (definitions[j] is OperationDefinitionNode { Name: { } earlier } && earlier.Value == name.Value)
                {
                    context.ReportError($"There can be only one operation named \"{name.Value}\".", earlier, name);
                    break;
                }
            }
        }
    }
}
