using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.AspNetCore;

/// <summary>
/// A request after the transport-independent steps (persisted lookup, parse, validation): either a valid document
/// ready to execute, or the errors to answer with.
/// </summary>
public sealed class PreparedOperation
{
    internal PreparedOperation(GraphQLRequestParameters parameters, DocumentNode? document, OperationType? operationType, IReadOnlyList<GraphQLError>? errors, bool isMalformed, string? documentText = null)
    {
        DocumentText = documentText;
        Parameters = parameters;
        Document = document;
        OperationType = operationType;
        Errors = errors;
        IsMalformedRequest = isMalformed;
    }

    public GraphQLRequestParameters Parameters { get; }

    /// <summary>The parsed, valid document; null when <see cref="Errors"/> is set.</summary>
    public DocumentNode? Document { get; }

    /// <summary>The type of the selected operation; null when it cannot be selected (the executor then reports why).</summary>
    public OperationType? OperationType { get; }

    /// <summary>Request errors (syntax, validation, persisted lookup); null when the operation can execute.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    /// <summary>
    /// The request is not a GraphQL request at all (e.g. no document): 400 whatever the response media type, rather
    /// than a GraphQL response with 200 for <c>application/json</c>.
    /// </summary>
    public bool IsMalformedRequest { get; }

    public bool IsValid => Errors is null;

    /// <summary>The document text (inline or from the persisted store) the document was parsed from.</summary>
    internal string? DocumentText { get; }
}
