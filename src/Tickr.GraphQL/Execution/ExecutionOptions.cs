namespace Tickr.GraphQL.Execution;

/// <summary>Options of the execution phase.</summary>
public sealed class ExecutionOptions
{
    public static readonly ExecutionOptions Default = new();

    /// <summary>
    /// Maximum time an operation may run. When it elapses, resolvers' cancellation token fires and every field still
    /// pending gets a <c>TIMEOUT</c> error (its null propagating as usual); the rest of the data is kept.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Shows the message of unexpected exceptions (other than <see cref="GraphQLException"/>) to clients instead of
    /// "Unexpected Execution Error". Meant for development only.
    /// </summary>
    public bool IncludeExceptionDetails { get; init; }
}
