using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.AspNetCore;

/// <summary>
/// A request after the transport-independent steps (persisted lookup, then the engine's parse, validation and
/// operation selection): either a valid document ready to execute, or the errors to answer with.
/// </summary>
public sealed class PreparedOperation
{
    internal PreparedOperation(GraphQLRequestParameters parameters, PreparedRequest? request, IReadOnlyList<GraphQLError>? errors, bool isMalformed)
    {
        Parameters = parameters;
        Request = request;
        Errors = errors;
        IsMalformedRequest = isMalformed;
    }

    public GraphQLRequestParameters Parameters { get; }

    /// <summary>
    /// The engine's prepared request (cached document, selected operation); null when the document text could not
    /// be resolved (persisted lookup errors).
    /// </summary>
    public PreparedRequest? Request { get; }

    /// <summary>The parsed, valid document; null when <see cref="Errors"/> is set.</summary>
    public DocumentNode? Document => IsValid ? Request?.Document : null;

    /// <summary>The type of the selected operation; null when it cannot be selected (execution then reports why).</summary>
    public OperationType? OperationType => Request?.OperationType;

    /// <summary>Request errors (syntax, validation, persisted lookup); null when the operation can execute.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    /// <summary>
    /// The request is not a GraphQL request at all (e.g. no document): 400 whatever the response media type, rather
    /// than a GraphQL response with 200 for <c>application/json</c>.
    /// </summary>
    public bool IsMalformedRequest { get; }

    public bool IsValid => Errors is null;
}
