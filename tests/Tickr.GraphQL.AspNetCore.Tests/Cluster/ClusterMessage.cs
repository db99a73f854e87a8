namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>What the <c>publish</c> mutation puts on the bus (JSON over Redis between the instances).</summary>
public sealed record ClusterMessage(string Text, string Origin);
