using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>Records log entries so tests can check what the bus reported (and that nothing logged an error).</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    public bool Has(string fragment) => Entries.Any(entry => entry.Message.Contains(fragment, StringComparison.Ordinal));

    public void AssertNoErrors()
        => Assert.DoesNotContain(Entries, entry => entry.Level >= LogLevel.Error);
}
