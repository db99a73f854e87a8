using System.Diagnostics;

namespace Tickr.Bench.Catalog;

/// <summary>
/// Closed-loop load: N clients, each sending its next request as soon as the previous one answered, until the
/// deadline. Every request's latency is kept (send → whole answer read and checked); percentiles come from the sorted
/// array (nearest rank). The requests still in flight at the deadline finish and count; the phase's elapsed time runs
/// until the last one has.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(IWorkload workload, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var failures = 0;
        string? firstFailure = null;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task<List<long>>[clients];
        for (var c = 0; c < clients; c++)
        {
            workers[c] = Task.Run(async () =>
            {
                var latencies = new List<long>(16_384);
                while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var sent = Stopwatch.GetTimestamp();
                    string? error;
                    try
                    {
                        error = await workload.ExecuteAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        error = e.GetType().Name + ": " + e.Message;
                    }
                    latencies.Add(Stopwatch.GetTimestamp() - sent);
                    if (error is not null)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, error, null);
                        // A server that refuses at once must not turn the client into a busy loop.
                        await Task.Delay(10, cancellationToken);
                    }
                }
                return latencies;
            }, cancellationToken);
        }
        var all = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var merged = new long[all.Sum(l => l.Count)];
        var at = 0;
        foreach (var list in all)
        {
            list.CopyTo(merged, at);
            at += list.Count;
        }
        Array.Sort(merged);
        return new LoadResult(merged, failures, firstFailure, elapsed);
    }
}

/// <summary>Latencies (sorted, Stopwatch ticks), failures and the elapsed time of one phase.</summary>
internal sealed record LoadResult(long[] Latencies, int Failures, string? FirstFailure, TimeSpan Elapsed)
{
    public int Requests => Latencies.Length;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * Latencies.Length);
        return Milliseconds(Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)]);
    }

    public double Max => Latencies.Length == 0 ? double.NaN : Milliseconds(Latencies[^1]);

    public double Mean => Latencies.Length == 0 ? double.NaN : Milliseconds((long)Latencies.Average());

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
