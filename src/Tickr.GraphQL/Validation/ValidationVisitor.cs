using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// Callbacks a validation rule receives while <see cref="DocumentValidator"/> walks a document once.
/// The walker updates the type information of <see cref="ValidationContext"/> before an Enter callback
/// and restores it after the matching Leave callback (graphql-js <c>visitWithTypeInfo</c> semantics).
/// Only overridden callbacks are dispatched, so a rule costs nothing for node kinds it ignores.
/// </summary>
/// <remarks>
/// A visitor instance may be reused for several documents (contexts are pooled), but never concurrently:
/// reset per-document state in <see cref="EnterDocument"/>. Non-executable definitions are not walked.
/// </remarks>
public abstract class ValidationVisitor
{
    public virtual void EnterDocument(ValidationContext context, DocumentNode node) { }
    public virtual void LeaveDocument(ValidationContext context, DocumentNode node) { }
    public virtual void EnterOperation(ValidationContext context, OperationDefinitionNode node) { }
    public virtual void LeaveOperation(ValidationContext context, OperationDefinitionNode node) { }
    public virtual void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) { }
    public virtual void LeaveFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) { }
    public virtual void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node) { }
    public virtual void LeaveVariableDefinition(ValidationContext context, VariableDefinitionNode node) { }
    public virtual void EnterSelectionSet(ValidationContext context, SelectionSetNode node) { }
    public virtual void LeaveSelectionSet(ValidationContext context, SelectionSetNode node) { }
    public virtual void EnterField(ValidationContext context, FieldNode node) { }
    public virtual void LeaveField(ValidationContext context, FieldNode node) { }
    public virtual void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node) { }
    public virtual void EnterInlineFragment(ValidationContext context, InlineFragmentNode node) { }
    public virtual void LeaveInlineFragment(ValidationContext context, InlineFragmentNode node) { }
    public virtual void EnterDirective(ValidationContext context, DirectiveNode node) { }
    public virtual void LeaveDirective(ValidationContext context, DirectiveNode node) { }
    public virtual void EnterArgument(ValidationContext context, ArgumentNode node) { }
    public virtual void LeaveArgument(ValidationContext context, ArgumentNode node) { }

    /// <summary>Any value: variable, scalar literal, enum, null, list or object.</summary>
    public virtual void EnterValue(ValidationContext context, ValueNode node) { }
    public virtual void LeaveValue(ValidationContext context, ValueNode node) { }
    public virtual void EnterObjectField(ValidationContext context, ObjectFieldNode node) { }
    public virtual void LeaveObjectField(ValidationContext context, ObjectFieldNode node) { }

    /// <summary>A named type reference: a type condition or the innermost type of a variable definition.</summary>
    public virtual void EnterNamedType(ValidationContext context, NamedTypeNode node) { }
}
