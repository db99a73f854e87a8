namespace Tickr.GraphQL.AspNetCore;

/// <summary>The parameters of one GraphQL request as a transport received them (before any parsing of the document).</summary>
public sealed class GraphQLRequestParameters
{
    /// <summary>The document text; may be absent for a persisted operation.</summary>
    public string? Query { get; init; }

    public string? OperationName { get; init; }

    /// <summary>JSON-like variable values (see <c>JsonVariables</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>Id of a persisted operation (<c>id</c> or <c>documentId</c> in the request).</summary>
    public string? DocumentId { get; init; }
}
