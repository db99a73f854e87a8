using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Notifications;

namespace Tickr.Graph.Notifications;

/// <summary>
/// Every <see cref="NotificationOptions.ReminderInterval"/>, queues the reminder (<c>email.reminder</c>) of each paid
/// order whose event starts within <see cref="NotificationOptions.ReminderLeadTime"/> and has not started, once per
/// order whatever the number of instances or runs (deduplication key <c>reminder:{orderId}</c>), then nudges the
/// dispatcher.
/// </summary>
public sealed class ReminderScheduler(
    IDbContextFactory<TickrDbContext> contexts,
    OutboxDispatcher dispatcher,
    TimeProvider clock,
    IOptions<NotificationOptions> options,
    ILogger<ReminderScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Queuing event reminders failed; retrying at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Queues the reminders due now; returns how many this call queued (0 for those already queued).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var queued = await Reminders.EnqueueDueAsync(db, clock.GetUtcNow(), options.Value.ReminderLeadTime, cancellationToken);
        if (queued > 0)
        {
            log.LogInformation("Queued {Count} event reminder(s).", queued);
            dispatcher.Nudge();
        }
        return queued;
    }
}
