using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL;

/// <summary>
/// A GraphQL error as it appears in a response's <c>errors</c>: a message, the source locations it concerns,
/// the response path for execution errors, and extensions (always carrying a <c>code</c>).
/// </summary>
public sealed class GraphQLError
{
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        string? code = null,
        IReadOnlyDictionary<string, object?>? extensions = null,
        Exception? exception = null)
    {
        Message = message;
        Locations = locations;
        Path = path;
        Code = code ?? ErrorCodes.Unexpected;
        Extensions = extensions;
        Exception = exception;
    }

    public string Message { get; }

    /// <summary>Null when the error concerns no particular place in the document.</summary>
    public IReadOnlyList<SourceLocation>? Locations { get; }

    /// <summary>Response path (string keys and int indices) of the field that failed; null outside execution.</summary>
    public IReadOnlyList<object>? Path { get; }

    /// <summary>Machine-readable code, written to <c>extensions.code</c>.</summary>
    public string Code { get; }

    /// <summary>Further extension entries; <c>code</c> is added from <see cref="Code"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>The exception behind an unexpected error. Never serialized by the engine.</summary>
    public Exception? Exception { get; }

    public GraphQLError WithPath(IReadOnlyList<object> path) => new(Message, Locations, path, Code, Extensions, Exception);

    public override string ToString() => Locations is { Count: > 0 } l ? $"{Message} ({l[0].Line}:{l[0].Column})" : Message;

    /// <summary>Location list for one node, or null when the node has no location.</summary>
    public static IReadOnlyList<SourceLocation>? At(SyntaxNode? node) =>
        node?.Location is { } loc ? [new SourceLocation(loc.Line, loc.Column)] : null;

    /// <summary>Location list for several nodes, skipping those without a location.</summary>
    public static IReadOnlyList<SourceLocation>? At(params SyntaxNode?[] nodes)
    {
        List<SourceLocation>? list = null;
        foreach (var n in nodes)
        {
            if (n?.Location is { } loc)
            {
                (list ??= []).Add(new SourceLocation(loc.Line, loc.Column));
            }
        }
        return list;
    }
}

/// <summary>The <c>extensions.code</c> values the engine produces.</summary>
public static class ErrorCodes
{
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string MaxFieldsExceeded = "MAX_FIELDS_EXCEEDED";
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string IntrospectionDepthExceeded = "INTROSPECTION_DEPTH_EXCEEDED";
    public const string Timeout = "TIMEOUT";
    public const string Cancelled = "CANCELLED";
    public const string Unexpected = "INTERNAL_SERVER_ERROR";
    public const string ResolverError = "RESOLVER_ERROR";
    public const string NonNullViolation = "NON_NULL_VIOLATION";
    public const string SerializationFailed = "SERIALIZATION_FAILED";
}

/// <summary>
/// Thrown inside resolvers (or by the engine) to produce a GraphQL error with a chosen message and code;
/// unlike any other exception, its message is shown to the client.
/// </summary>
public class GraphQLException : Exception
{
    public GraphQLException(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code ?? ErrorCodes.ResolverError;
        ErrorExtensions = extensions;
    }

    public GraphQLException(GraphQLError error)
        : base(error.Message)
    {
        Code = error.Code;
        ErrorExtensions = error.Extensions;
        Error = error;
    }

    public GraphQLException() : this("GraphQL error") { }

    public GraphQLException(string message) : this(message, null, null) { }

    public GraphQLException(string message, Exception innerException) : base(message, innerException)
    {
        Code = ErrorCodes.ResolverError;
    }

    public string Code { get; }
    public IReadOnlyDictionary<string, object?>? ErrorExtensions { get; }
    public GraphQLError? Error { get; }
}

/// <summary>A document could not be read: the single error carries the location of the offending token.</summary>
public sealed class GraphQLSyntaxException : Exception
{
    public GraphQLSyntaxException(string message, SourceLocation location, string code = ErrorCodes.SyntaxError)
        : base($"Syntax Error: {message}")
    {
        Location = location;
        Error = new GraphQLError(Message, [location], code: code);
    }

    public GraphQLSyntaxException() : this("invalid document", new SourceLocation(1, 1)) { }

    public GraphQLSyntaxException(string message) : this(message, new SourceLocation(1, 1)) { }

    public GraphQLSyntaxException(string message, Exception innerException) : base(message, innerException)
    {
        Error = new GraphQLError(message, code: ErrorCodes.SyntaxError);
    }

    public SourceLocation Location { get; }
    public GraphQLError Error { get; }
}
