using System.Diagnostics;

namespace Tickr.Bench.FlashSale;

/// <summary>The answers of one phase and its elapsed time.</summary>
internal sealed class LoadResult(List<Answer> answers, long start, long end)
{
    public IReadOnlyList<Answer> Answers => answers;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(start, end);

    public long Start => start;

    public int Reserved => answers.Count(a => a.Outcome == Outcome.Reserved);

    public int SoldOut => answers.Count(a => a.Outcome == Outcome.SoldOut);

    public int Failed => answers.Count(a => a.Outcome == Outcome.Failed);

    public long TicketsReserved => answers.Where(a => a.Outcome == Outcome.Reserved).Sum(a => (long)a.Quantity);

    public string? FirstFailure => answers.FirstOrDefault(a => a.Outcome == Outcome.Failed).Failure;

    public double ReservationsPerSecond => Reserved / Elapsed.TotalSeconds;

    public double RequestsPerSecond => answers.Count / Elapsed.TotalSeconds;

    private long[]? _reservedLatencies;

    private long[] ReservedLatencies => _reservedLatencies ??= answers.Where(a => a.Outcome == Outcome.Reserved).Select(a => a.Latency).Order().ToArray();

    /// <summary>Nearest-rank percentile (ms) of the successful reservations' latencies.</summary>
    public double Percentile(double p) => Percentile(ReservedLatencies, p);

    public double Max => ReservedLatencies.Length == 0 ? double.NaN : Ms(ReservedLatencies[^1]);

    public double Mean => ReservedLatencies.Length == 0 ? double.NaN : Ms((long)ReservedLatencies.Average());

    /// <summary>Nearest-rank percentile (ms) of every answer (sold-out ones included).</summary>
    public double PercentileAll(double p) => Percentile(answers.Select(a => a.Latency).Order().ToArray(), p);

    public static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Ms(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

internal static class Load
{
    /// <summary>
    /// The flash sale: every buyer sends one reservation (1..maxQuantity tickets, uniform) at the same instant — the
    /// tasks wait on one gate, opened once all are ready. The phase ends with the last answer; the sale's own duration
    /// (first request → last successful reservation) is computed by the caller from the answers.
    /// </summary>
    public static async Task<LoadResult> FlashAsync(ReservationClient client, int buyers, SaleEvent sale, int maxQuantity, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var quantities = Enumerable.Range(0, buyers).Select(_ => random.Next(1, maxQuantity + 1)).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new Task<Answer>[buyers];
        for (var b = 0; b < buyers; b++)
        {
            var buyer = b;
            tasks[b] = Task.Run(async () =>
            {
                await gate.Task;
                return await client.ReserveAsync(buyer, sale, quantities[buyer], ct);
            }, ct);
        }
        await Task.Delay(200, ct); // every task is parked on the gate
        var start = Stopwatch.GetTimestamp();
        gate.SetResult();
        var answers = await Task.WhenAll(tasks);
        return new LoadResult([.. answers], start, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Closed loop: <paramref name="clients"/> workers, each sending its next reservation as soon as the previous one is
    /// answered, until the deadline; worker w plays buyers w, w + clients, w + 2·clients… (mod the number of buyers), so
    /// every buyer makes several reservations. Requests in flight at the deadline finish and count.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(ReservationClient client, int clients, int buyers, SaleEvent sale, int maxQuantity, TimeSpan duration, int seed, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task<List<Answer>>[clients];
        for (var c = 0; c < clients; c++)
        {
            var worker = c;
            workers[c] = Task.Run(async () =>
            {
                var random = new Random(seed * 7919 + worker);
                var answers = new List<Answer>(8_192);
                var buyer = worker % buyers;
                while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
                {
                    var answer = await client.ReserveAsync(buyer, sale, random.Next(1, maxQuantity + 1), ct);
                    answers.Add(answer);
                    buyer = (buyer + clients) % buyers;
                    if (answer.Outcome == Outcome.Failed)
                    {
                        await Task.Delay(10, ct); // a server refusing at once must not become a busy loop
                    }
                }
                return answers;
            }, ct);
        }
        var all = await Task.WhenAll(workers);
        return new LoadResult(all.SelectMany(a => a).ToList(), start, Stopwatch.GetTimestamp());
    }
}
