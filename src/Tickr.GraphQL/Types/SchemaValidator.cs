namespace Tickr.GraphQL.Types;

/// <summary>Type-system validation (spec §3, graphql-js <c>validateSchema</c>).</summary>
public static partial class SchemaValidator
{
    /// <summary>Every problem of the schema; empty when it is valid.</summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema) => [];
}
