using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>One log entry written by a cluster instance.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " — " + Exception)}";
}
