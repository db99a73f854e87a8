using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Graph.Live;

namespace Tickr.Graph.Ordering;

/// <summary>
/// Releases reservations whose hold has run out. Safe with several instances: each order is claimed by its version
/// (the first instance to expire it wins; the others release nothing), and a payment confirmed at the same moment
/// wins or loses the same way.
/// </summary>
public sealed class ReservationSweeper(
    IDbContextFactory<TickrDbContext> contexts,
    LiveUpdates live,
    TimeProvider clock,
    IOptions<SellingOptions> options,
    ILogger<ReservationSweeper> log) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping expired reservations failed; retrying at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Expires every due reservation; returns how many this instance released.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var released = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var due = await OrderBook.DueExpiriesAsync(db, now, BatchSize, cancellationToken);
            foreach (var order in due)
            {
                if (await OrderBook.ReleaseAsync(db, order, expired: true, now, AuditSource.System, cancellationToken))
                {
                    released++;
                    await live.OrderChangedAsync(order, cancellationToken);
                }
            }
            if (due.Count < BatchSize)
            {
                return released;
            }
        }
    }
}
