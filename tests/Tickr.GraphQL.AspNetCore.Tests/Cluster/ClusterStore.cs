using System.Collections.Concurrent;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>
/// Stands in for the database of one instance: the mutation "commits" here first and publishes afterwards,
/// the order real mutations follow (so a Redis failure must never undo or fail a committed change).
/// </summary>
public sealed class ClusterStore(string instance)
{
    public string Instance { get; } = instance;

    public ConcurrentQueue<ClusterMessage> Committed { get; } = new();
}
