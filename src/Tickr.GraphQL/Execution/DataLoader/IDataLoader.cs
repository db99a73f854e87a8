namespace Tickr.GraphQL.Execution.DataLoader;

/// <summary>
/// Marker for DataLoaders. A resolver parameter whose type implements it is obtained from the request's
/// <see cref="IDataLoaderRegistry"/> (one instance per request, keyed by the loader's type).
/// </summary>
public interface IDataLoader
{
    /// <summary>True when keys are waiting to be sent in a batch.</summary>
    bool HasPendingKeys { get; }

    /// <summary>Sends the pending keys as one batch (called by the executor's dispatcher).</summary>
    Task DispatchAsync(CancellationToken cancellationToken);
}
