using Microsoft.Extensions.Options;

namespace Tickr.Graph.Ordering;

/// <summary>
/// Admission control for reservations: at most <see cref="SellingOptions.MaxConcurrentReservations"/> run their
/// database transaction at once on this instance; the others wait here, in memory and roughly in arrival order, for at
/// most <see cref="SellingOptions.ReservationQueueTimeout"/>. A burst of thousands of buyers then queues in the server
/// instead of exhausting the connection pool (whose waiters fail after Npgsql's 15 s with a server error), and the
/// database runs the few transactions it can serve quickly instead of many that wait on each other's locks.
/// </summary>
public sealed class ReservationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _timeout;

    public ReservationGate(IOptions<SellingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var max = options.Value.MaxConcurrentReservations;
        if (max < 1)
        {
            throw new OptionsValidationException(SellingOptions.Section, typeof(SellingOptions),
                [$"{nameof(SellingOptions.MaxConcurrentReservations)} must be at least 1."]);
        }
        _slots = new SemaphoreSlim(max, max);
        _timeout = options.Value.ReservationQueueTimeout;
        Capacity = max;
    }

    /// <summary>How many reservations may run at once.</summary>
    public int Capacity { get; }

    /// <summary>How many are running now.</summary>
    public int InProgress => Capacity - _slots.CurrentCount;

    /// <summary>Waits for a turn: a lease to dispose when the reservation is over, or null when the wait timed out.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_timeout, cancellationToken))
        {
            return null;
        }
        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
