using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Executable Definitions (spec §5.1.1): a document submitted for execution may only contain operations and
/// fragments; type system definitions and extensions are refused.
/// </summary>
public sealed class ExecutableDefinitionsRule : ValidationVisitor
{
    public override void EnterDocument(ValidationContext context, DocumentNode node)
    {
        var definitions = node.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            switch (definitions[i])
            {
                case ExecutableDefinitionNode:
                    break;
                case SchemaDefinitionNode or SchemaExtensionNode:
                    context.ReportError("The schema definition is not executable.", definitions[i]);
                    break;
                case TypeDefinitionOrExtensionNode type:
                    context.ReportError($"The \"{type.Name.Value}\" definition is not executable.", type);
                    break;
                case DirectiveDefinitionNode directive:
                    context.ReportError($"The \"{directive.Name.Value}\" definition is not executable.", directive);
                    break;
                default:
                    context.ReportError("The definition is not executable.", definitions[i]);
                    break;
            }
        }
    }
}
