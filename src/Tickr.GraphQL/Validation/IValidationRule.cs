namespace Tickr.GraphQL.Validation;

/// <summary>
/// A validation rule supplied by the application (<see cref="ValidationOptions.Rules"/>): it creates the visitor
/// that checks one document. Return a fresh visitor when the rule keeps per-document state; a stateless visitor
/// may be shared.
/// </summary>
public interface IValidationRule
{
    ValidationVisitor CreateVisitor(ValidationContext context);
}
