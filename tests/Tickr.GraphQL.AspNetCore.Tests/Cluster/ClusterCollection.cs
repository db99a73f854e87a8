namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>
/// The cluster tests run alone: they hook the process-wide <see cref="TaskScheduler.UnobservedTaskException"/>
/// (another class's garbage must not be blamed on them), and they start two servers and a redis-server each,
/// which should not compete for the CPU with the timing-sensitive flood tests of other classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
