namespace Tickr.GraphQL.Execution;

/// <summary>One GraphQL request as a host receives it.</summary>
public sealed class GraphQLRequest
{
    /// <summary>The document text; ignored when <see cref="Document"/> is set.</summary>
    public string? Query { get; init; }

    /// <summary>An already parsed document (skips parsing and the document cache).</summary>
    public Language.Ast.DocumentNode? Document { get; init; }

    /// <summary>The operation to run when the document has several.</summary>
    public string? OperationName { get; init; }

    /// <summary>Raw variable values (JSON-like, see <see cref="JsonVariables"/>).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>Request extensions (e.g. persisted query hashes); not interpreted by the engine.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The parent value of root fields.</summary>
    public object? RootValue { get; init; }

    /// <summary>Services resolvers and DataLoaders may use (usually the request scope of the host).</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Per-request bag shared by all resolvers; a new dictionary is used when null.</summary>
    public IDictionary<string, object?>? ContextData { get; init; }
}
