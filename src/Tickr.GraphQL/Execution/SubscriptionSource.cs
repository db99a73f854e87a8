using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// The outcome of CreateSourceEventStream for one subscriber (<see cref="GraphQLExecutor.CreateSourceStreamAsync"/>):
/// the source stream its subscribe resolver returned, or the result to answer with instead; for a shareable field,
/// the subscriber's sharing scope.
/// </summary>
public sealed class SubscriptionSource
{
    internal SubscriptionSource(IAsyncEnumerable<object?>? stream, ExecutionResult? failure, OutputField? field, string? sharingScope)
    {
        Stream = stream;
        Failure = failure;
        Field = field;
        SharingScope = sharingScope;
    }

    internal static SubscriptionSource Failed(ExecutionResult failure) => new(null, failure, null, null);

    /// <summary>The source event stream; null when <see cref="Failure"/> is set.</summary>
    public IAsyncEnumerable<object?>? Stream { get; }

    /// <summary>The subscription's only result when no stream could be created (arguments, refusal, errors).</summary>
    public ExecutionResult? Failure { get; }

    /// <summary>The subscription root field; null on failure.</summary>
    public OutputField? Field { get; }

    /// <summary>
    /// The subscriber's sharing scope (<see cref="SubscriptionSharing.GetScope"/>) when its field is shareable and the
    /// scope function admitted sharing; null when the subscriber must execute its own events.
    /// </summary>
    public string? SharingScope { get; }

    /// <summary>True when hosts may group this subscriber with others of the same operation, variables and scope.</summary>
    public bool IsShareable => Stream is not null && SharingScope is not null;
}
