using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// What a resolver sees: its parent value, coerced arguments, the field, the request's services,
/// cancellation, and the per-request DataLoader registry.
/// </summary>
public interface IResolverContext
{
    /// <summary>The value of the parent object (the root value for root fields).</summary>
    object? Parent { get; }

    /// <summary>Parent cast to T (throws InvalidCastException when the parent is not a T).</summary>
    T ParentAs<T>();

    Schema Schema { get; }
    ObjectType ParentType { get; }
    OutputField Field { get; }

    /// <summary>The field node being resolved (the first one, when several were merged).</summary>
    FieldNode Selection { get; }

    /// <summary>All field nodes merged into this field (same response key).</summary>
    IReadOnlyList<FieldNode> Selections { get; }

    OperationDefinitionNode Operation { get; }

    /// <summary>Response path of this field (string keys and int indices).</summary>
    IReadOnlyList<object> Path { get; }

    /// <summary>Coerced argument values by argument name (absent arguments without default are absent).</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>A coerced argument converted to T; default(T) when absent.</summary>
    T ArgumentValue<T>(string name);

    /// <summary>True when the argument was given (explicitly, by variable, or by a default).</summary>
    bool HasArgument(string name);

    /// <summary>Coerced variable values of the operation.</summary>
    IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The request's service provider (scoped per request by hosts).</summary>
    IServiceProvider Services { get; }

    /// <summary>Fires on client abort, request timeout or cancellation.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Per-request bag shared by all resolvers (e.g. the authenticated user).</summary>
    IDictionary<string, object?> ContextData { get; }

    /// <summary>The per-request DataLoader registry; loaders are created once per request and dispatched by the executor.</summary>
    DataLoader.IDataLoaderRegistry DataLoaders { get; }

    /// <summary>Adds an error to the response without failing the field.</summary>
    void ReportError(GraphQLError error);
}
