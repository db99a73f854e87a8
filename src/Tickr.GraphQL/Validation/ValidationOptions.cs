namespace Tickr.GraphQL.Validation;

/// <summary>Limits and extra rules applied by <see cref="DocumentValidator.Validate"/>.</summary>
public sealed class ValidationOptions
{
    /// <summary>No operational limits except the introspection depth limit of 3 and 100 errors.</summary>
    public static ValidationOptions Default { get; } = new() { Rules = Array.Empty<IValidationRule>() };

    /// <summary>
    /// Maximum nesting of fields in an operation, counted through fragments (<c>{ a { b } }</c> has depth 2).
    /// Null: unlimited.
    /// </summary>
    public int? MaxDepth { get; init; }

    /// <summary>
    /// Maximum number of aliased field selections in an operation, counting a fragment's aliases once per
    /// spread of it. Null: unlimited.
    /// </summary>
    public int? MaxAliases { get; init; }

    /// <summary>
    /// Maximum number of field selections in an operation after fragment expansion: every field node of the
    /// operation, plus every field of a fragment once per spread of that fragment (recursively).
    /// <c>__typename</c> counts like any field. Null: unlimited.
    /// </summary>
    public int? MaxFields { get; init; }

    /// <summary>Maximum static cost of an operation as computed by <see cref="Limits.CostAnalyzer"/>. Null: unlimited.</summary>
    public int? MaxCost { get; init; }

    /// <summary>
    /// Maximum nesting of the introspection list fields <c>fields</c>, <c>interfaces</c>, <c>possibleTypes</c>
    /// and <c>inputFields</c> below <c>__schema</c> or <c>__type</c> (graphql-js MaxIntrospectionDepthRule):
    /// a document reaching this many nested list fields is refused. Zero or less disables the check.
    /// </summary>
    public int MaxIntrospectionDepth { get; init; } = 3;

    /// <summary>Validation stops after this many errors and adds a final "Validation aborted" error.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Application rules run in the same pass as the specified rules.</summary>
    public IList<IValidationRule> Rules { get; init; } = [];
}
