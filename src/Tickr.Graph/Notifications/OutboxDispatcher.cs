using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tickr.Data;
using Tickr.Data.Notifications;
using Tickr.Domain.Notifications;

namespace Tickr.Graph.Notifications;

/// <summary>What one <see cref="OutboxDispatcher.DispatchOnceAsync"/> did.</summary>
/// <param name="Claimed">Messages claimed.</param>
/// <param name="Sent">Handed over to the email server (or with nothing left to send).</param>
/// <param name="Retrying">Failed, to be tried again after the backoff.</param>
/// <param name="GaveUp">Failed for good (permanent error, unknown kind, too many attempts).</param>
public sealed record OutboxDispatchResult(int Claimed, int Sent, int Retrying, int GaveUp);

/// <summary>
/// Delivers the outbox: claims due messages under a lease (several instances never deliver the same message at
/// once), renders each by its kind at delivery time, sends it with <see cref="IEmailSender"/>, and records the outcome:
/// sent, retried with exponential backoff, or given up (permanent error, unknown kind, too many attempts). Polls every
/// <see cref="NotificationOptions.PollInterval"/>; <see cref="Nudge"/> wakes it at once (after a commit that queued
/// something). Delivery is at least once: a message is sent again only when an instance dies (or loses the
/// database) between the server's acceptance and recording it sent.
/// </summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly IDbContextFactory<TickrDbContext> _contexts;
    private readonly IEmailSender _sender;
    private readonly Dictionary<string, INotificationRenderer> _renderers = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly NotificationOptions _options;
    private readonly OutboxRetryPolicy _retry;
    private readonly ILogger<OutboxDispatcher> _log;
    private TaskCompletionSource _nudge = NewSignal();

    public OutboxDispatcher(
        IDbContextFactory<TickrDbContext> contexts,
        IEmailSender sender,
        IEnumerable<INotificationRenderer> renderers,
        TimeProvider clock,
        IOptions<NotificationOptions> options,
        ILogger<OutboxDispatcher> log)
    {
        ArgumentNullException.ThrowIfNull(renderers);
        ArgumentNullException.ThrowIfNull(options);
        _contexts = contexts;
        _sender = sender;
        _clock = clock;
        _options = options.Value;
        _retry = _options.RetryPolicy;
        _log = log;
        foreach (var renderer in renderers)
        {
            foreach (var kind in renderer.Kinds)
            {
                if (!_renderers.TryAdd(kind, renderer))
                {
                    throw new InvalidOperationException($"Two notification renderers handle '{kind}'.");
                }
            }
        }
    }

    /// <summary>Wakes the dispatcher now instead of at its next poll (cheap; call it after committing a change that queued a message).</summary>
    public void Nudge() => Volatile.Read(ref _nudge).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // A fresh signal before each round: a nudge that arrives while the round runs makes the wait below return at once.
            var signal = NewSignal();
            Volatile.Write(ref _nudge, signal);
            try
            {
                // A full batch suggests more are due: keep going without waiting.
                while ((await DispatchOnceAsync(stoppingToken)).Claimed >= _options.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Delivering the outbox failed; retrying at the next poll.");
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(_options.PollInterval, _clock, wait.Token);
            await Task.WhenAny(signal.Task, delay);
            await wait.CancelAsync();
        }
    }

    /// <summary>
    /// Claims one batch of due messages and delivers it, one message after the other. Returns what happened. When
    /// cancelled, the messages not yet delivered are released for the next dispatcher.
    /// </summary>
    public async Task<OutboxDispatchResult> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        List<OutboxMessage> claimed;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            claimed = await OutboxStore.ClaimDueAsync(db, now, _options.BatchSize, now + _options.Lease, cancellationToken);
        }
        int sent = 0, retrying = 0, gaveUp = 0;
        for (var i = 0; i < claimed.Count; i++)
        {
            try
            {
                switch (await DeliverAsync(claimed[i], cancellationToken))
                {
                    case Outcome.Sent:
                        sent++;
                        break;
                    case Outcome.Retrying:
                        retrying++;
                        break;
                    default:
                        gaveUp++;
                        break;
                }
            }
            catch (Exception)
            {
                // Stopping, or the database failed while recording an outcome: give back what is left, this one
                // included (its outcome is unknown; delivering it again is the at-least-once side), so that nobody
                // waits for the lease.
                await ReleaseAsync(claimed.Skip(i).Select(m => m.Id).ToList());
                throw;
            }
        }
        return new OutboxDispatchResult(claimed.Count, sent, retrying, gaveUp);
    }

    private async Task<Outcome> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_renderers.TryGetValue(message.Kind, out var renderer))
        {
            return await FailAsync(message, $"No renderer for the kind '{message.Kind}'.", permanent: true, null, cancellationToken);
        }

        EmailMessage? email;
        try
        {
            email = await renderer.RenderAsync(message, cancellationToken);
        }
        catch (NotificationRenderException e)
        {
            return await FailAsync(message, "Rendering failed: " + e.Message, e.IsPermanent, e, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(message, $"Rendering failed: {e.GetType().Name}: {e.Message}", permanent: false, e, cancellationToken);
        }

        if (email is not null)
        {
            try
            {
                await _sender.SendAsync(email, cancellationToken);
            }
            catch (EmailDeliveryException e)
            {
                return await FailAsync(message, e.Message, e.IsPermanent, null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(message, $"{e.GetType().Name}: {e.Message}", permanent: false, e, cancellationToken);
            }
        }
        else
        {
            _log.LogInformation("Outbox message {Id} ({Kind}) has nothing to send any more; recorded as done.", message.Id, message.Kind);
        }

        // From here on the email is out: record it even if stopping, or it would be sent again.
        await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
        await OutboxStore.MarkSentAsync(db, message.Id, _clock.GetUtcNow(), CancellationToken.None);
        return Outcome.Sent;
    }

    private async Task<Outcome> FailAsync(OutboxMessage message, string error, bool permanent, Exception? exception, CancellationToken cancellationToken)
    {
        OutboxFailure failure;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            failure = await OutboxStore.MarkFailedAsync(db, message, error, permanent, _clock.GetUtcNow(), _retry, cancellationToken);
        }
        if (failure.GaveUp)
        {
            _log.LogError(exception, "Outbox message {Id} ({Kind}) given up after {Attempts} attempt(s): {Error}", message.Id, message.Kind, failure.Attempts, error);
            return Outcome.GaveUp;
        }
        _log.LogWarning(exception, "Outbox message {Id} ({Kind}) failed (attempt {Attempts}), retrying at {NextAttemptAt:O}: {Error}",
            message.Id, message.Kind, failure.Attempts, failure.NextAttemptAt, error);
        return Outcome.Retrying;
    }

    private async Task ReleaseAsync(List<Guid> ids)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None);
            await OutboxStore.ReleaseAsync(db, ids, CancellationToken.None);
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "Could not release {Count} claimed outbox message(s); they become claimable when their lease ends.", ids.Count);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private enum Outcome
    {
        Sent,
        Retrying,
        GaveUp,
    }
}
