namespace Tickr.GraphQL.Execution;

/// <summary>
/// The response of one request or one subscription event (spec §7.1): <c>data</c>, <c>errors</c> and
/// <c>extensions</c>.
/// </summary>
public sealed class ExecutionResult
{
    /// <summary>
    /// The response data: response keys in selection order mapped to values (nested objects are
    /// <see cref="IReadOnlyDictionary{TKey,TValue}"/>, lists are <see cref="IReadOnlyList{T}"/>, leaves are
    /// strings, booleans and numbers). Null when execution did not start or a null propagated to the root;
    /// <see cref="HasData"/> tells which.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    /// <summary>True when the response has a <c>data</c> entry (execution started), even if it is null.</summary>
    public bool HasData { get; init; }

    /// <summary>Errors in the order they were raised; null when there are none.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; init; }

    /// <summary>Response extensions; null when there are none.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>A result with errors and no <c>data</c> entry (a request that failed before execution).</summary>
    public static ExecutionResult FromErrors(IReadOnlyList<GraphQLError> errors) => new() { Errors = errors };

    /// <summary>A result with a single error and no <c>data</c> entry.</summary>
    public static ExecutionResult FromError(GraphQLError error) => new() { Errors = [error] };

    /// <summary>The response as JSON text (see <see cref="ExecutionResultWriter"/>).</summary>
    public string ToJson() => ExecutionResultWriter.ToJson(this);
}
