using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>
/// Everything an instance logs (Information and above), so a test can prove that a Redis outage surfaced nowhere as
/// an error: Kestrel and the endpoint log unhandled request exceptions at Error, which no HTTP status would show for
/// a WebSocket.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

    public bool Has(string fragment) => Entries.Any(entry => entry.Message.Contains(fragment, StringComparison.Ordinal));

    public void AssertNoErrors(string instance)
    {
        var errors = Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"instance {instance} logged errors:\n{string.Join('\n', errors)}");
    }

    public void Dispose()
    {
    }
}
