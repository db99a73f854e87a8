using System.Collections.Concurrent;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>
/// Records <see cref="TaskScheduler.UnobservedTaskException"/> while a test runs. A faulted task nobody awaited is
/// only reported when the GC finalizes it, so both ends force a full collection: at the start to flush garbage of
/// earlier tests, at the end to surface this test's.
/// </summary>
internal sealed class UnobservedTaskExceptions : IDisposable
{
    private readonly ConcurrentQueue<Exception> _seen = new();

    private UnobservedTaskExceptions() => TaskScheduler.UnobservedTaskException += OnUnobserved;

    public static UnobservedTaskExceptions Start()
    {
        Collect();
        return new UnobservedTaskExceptions();
    }

    public void AssertNone()
    {
        Collect();
        Assert.True(_seen.IsEmpty, "unobserved task exceptions:\n" + string.Join("\n", _seen));
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => _seen.Enqueue(e.Exception);
}
