namespace Tickr.GraphQL.Types;

/// <summary>A schema is invalid (spec §3 type validation): thrown by the <see cref="Schema"/> constructor with every problem found.</summary>
public sealed class SchemaException : Exception
{
    public SchemaException(IReadOnlyList<GraphQLError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    public SchemaException() : this([]) { }

    public SchemaException(string message) : this([new GraphQLError(message)]) { }

    public SchemaException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new GraphQLError(message)];
    }

    /// <summary>Each validation problem, with the SDL location when the schema was built from SDL.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<GraphQLError> errors) => errors.Count switch
    {
        0 => "The schema is invalid.",
        1 => errors[0].Message,
        _ => "The schema is invalid:\n" + string.Join("\n", errors.Select(e => e.Message)),
    };
}
