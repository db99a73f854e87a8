using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Execution;

/// <summary>How far <see cref="GraphQLExecutor.Prepare(string?, string?)"/> got with a request.</summary>
public enum PreparedRequestStatus
{
    /// <summary>The document is valid and the operation is selected: the request can execute.</summary>
    Ready,

    /// <summary>No document, or it does not parse (nothing is cached).</summary>
    SyntaxError,

    /// <summary>The document parses but is invalid against the schema or the validation limits.</summary>
    ValidationError,

    /// <summary>
    /// The document is valid but no operation can be selected (unknown name, or several operations and no name).
    /// Hosts that treat this as an execution outcome rather than a document error can still pass the request to
    /// <c>ExecuteAsync</c>, which answers with these errors.
    /// </summary>
    OperationNotFound,
}

/// <summary>
/// A request whose document was parsed, validated (both cached by the executor) and whose operation was selected,
/// so a host can inspect it (e.g. refuse a mutation over GET) before executing it with
/// <see cref="GraphQLExecutor.ExecuteAsync(PreparedRequest, IReadOnlyDictionary{string, object}, object, IServiceProvider, IDictionary{string, object}, CancellationToken)"/>
/// or <c>SubscribeAsync</c>, which skip every step done here. Immutable; it may be executed any number of times, but
/// only by the executor that prepared it.
/// </summary>
public sealed class PreparedRequest
{
    internal PreparedRequest(GraphQLExecutor executor, PreparedDocument? document, OperationDefinitionNode? operation, IReadOnlyList<GraphQLError>? errors, PreparedRequestStatus status)
    {
        Executor = executor;
        PreparedDocument = document;
        Operation = operation;
        Errors = errors;
        Status = status;
    }

    public PreparedRequestStatus Status { get; }

    /// <summary>True when the request can execute (<see cref="Status"/> is <see cref="PreparedRequestStatus.Ready"/>).</summary>
    public bool IsValid => Status == PreparedRequestStatus.Ready;

    /// <summary>The parsed document (shared with the cache: do not mutate); null on syntax errors.</summary>
    public DocumentNode? Document => PreparedDocument?.Document;

    /// <summary>The selected operation; null unless <see cref="IsValid"/>.</summary>
    public OperationDefinitionNode? Operation { get; }

    /// <summary>The selected operation's type; null unless <see cref="IsValid"/>.</summary>
    public OperationType? OperationType => Operation?.Operation;

    /// <summary>Syntax, validation or operation selection errors; null when <see cref="IsValid"/>.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    internal GraphQLExecutor Executor { get; }

    /// <summary>The cached document with its field plans; null on syntax errors.</summary>
    internal PreparedDocument? PreparedDocument { get; }
}
