using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Tickr.Data.Notifications;

/// <summary>What <see cref="OutboxStore.MarkFailedAsync"/> decided.</summary>
/// <param name="Attempts">Failed attempts so far, this one included.</param>
/// <param name="NextAttemptAt">When it is tried again; null when it was given up.</param>
public sealed record OutboxFailure(int Attempts, DateTimeOffset? NextAttemptAt)
{
    /// <summary>True when the message will not be tried again (permanent error, or too many attempts).</summary>
    public bool GaveUp => NextAttemptAt is null;
}

/// <summary>
/// The outbox's delivery side: claiming due messages under a lease so that several server instances never deliver the
/// same message at once, then recording the outcome. A claim sets <see cref="OutboxMessage.LockedUntil"/>; a message
/// whose dispatcher died keeps that lease until it runs out and is then claimable again (delivery is at least once).
/// All instants are UTC.
/// </summary>
public static class OutboxStore
{
    private const int MaxErrorLength = 2_000;

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due messages (not sent, not given up, <see cref="OutboxMessage.NextAttemptAt"/>
    /// reached, not leased or with an expired lease), oldest due first, leasing them until <paramref name="leaseUntil"/>.
    /// On PostgreSQL one statement locks the candidate rows with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent
    /// dispatchers take disjoint batches without waiting on each other; on SQLite (one writer at a time) each candidate
    /// is taken by a conditional update, and one that another dispatcher took first is skipped. The returned messages
    /// are not tracked.
    /// </summary>
    public static async Task<List<OutboxMessage>> ClaimDueAsync(
        TickrDbContext db,
        DateTimeOffset now,
        int batchSize,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (leaseUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseUntil), "The lease must end after now.");
        }
        now = now.ToUniversalTime();
        leaseUntil = leaseUntil.ToUniversalTime();
        var claimed = db.Provider == DatabaseProvider.PostgreSql
            ? await ClaimOnPostgresAsync(db, now, batchSize, leaseUntil, cancellationToken).ConfigureAwait(false)
            : await ClaimOneByOneAsync(db, now, batchSize, leaseUntil, cancellationToken).ConfigureAwait(false);
        claimed.Sort((a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
        return claimed;
    }

    private static Task<List<OutboxMessage>> ClaimOnPostgresAsync(
        TickrDbContext db, DateTimeOffset now, int batchSize, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        // The CTE is evaluated once (a locking CTE is never inlined), so the batch is exactly the rows it locked; a row
        // another dispatcher holds is skipped, and one it claimed and committed meanwhile fails the re-checked condition.
        db.OutboxMessages.FromSql(
            $"""
            WITH due AS (
                SELECT id FROM outbox_messages
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                  AND (locked_until IS NULL OR locked_until < {now})
                ORDER BY next_attempt_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox_messages AS m SET locked_until = {leaseUntil}
            FROM due WHERE m.id = due.id
            RETURNING m.*
            """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    private static async Task<List<OutboxMessage>> ClaimOneByOneAsync(
        TickrDbContext db, DateTimeOffset now, int batchSize, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(Due(now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            // Re-checks the whole condition: a dispatcher that claimed (or finished) it since the read wins.
            var taken = await db.OutboxMessages
                .Where(m => m.Id == id)
                .Where(Due(now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)leaseUntil), cancellationToken).ConfigureAwait(false);
            if (taken == 1)
            {
                claimed.Add(id);
            }
        }
        if (claimed.Count == 0)
        {
            return [];
        }
        return await db.OutboxMessages.AsNoTracking().Where(m => claimed.Contains(m.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now);

    /// <summary>
    /// Records a delivery: the message is never claimed again. Returns false when it was already marked sent (another
    /// dispatcher delivered it after this one's lease ran out).
    /// </summary>
    public static async Task<bool> MarkSentAsync(TickrDbContext db, Guid messageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        now = now.ToUniversalTime();
        var updated = await db.OutboxMessages
            .Where(m => m.Id == messageId && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, (DateTimeOffset?)now)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    /// <summary>
    /// Records a failed attempt of a claimed message: one more attempt and the error; then either the next attempt
    /// after the policy's backoff (the lease is released), or, for a <paramref name="permanent"/> error or once
    /// <see cref="OutboxRetryPolicy.MaxAttempts"/> is reached, <see cref="OutboxMessage.FailedAt"/>: given up, kept for an
    /// operator. Nothing changes if the message was sent or given up meanwhile. <paramref name="message"/> is updated
    /// to match.
    /// </summary>
    public static async Task<OutboxFailure> MarkFailedAsync(
        TickrDbContext db,
        OutboxMessage message,
        string error,
        bool permanent,
        DateTimeOffset now,
        OutboxRetryPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(policy);
        now = now.ToUniversalTime();
        var attempts = message.Attempts + 1;
        var giveUp = permanent || attempts >= policy.MaxAttempts;
        var next = giveUp ? now : now + policy.DelayAfter(attempts);
        DateTimeOffset? failedAt = giveUp ? now : null;
        var lastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        var id = message.Id;
        await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, lastError)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.FailedAt, failedAt)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        message.Attempts = attempts;
        message.LastError = lastError;
        message.NextAttemptAt = next;
        message.FailedAt = failedAt;
        message.LockedUntil = null;
        return new OutboxFailure(attempts, giveUp ? null : next);
    }

    /// <summary>
    /// Gives claimed messages back without an attempt (the dispatcher is stopping): they are claimable at once instead
    /// of when their lease runs out.
    /// </summary>
    public static async Task<int> ReleaseAsync(TickrDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
        {
            return 0;
        }
        var ids = messageIds.ToList();
        return await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a message at once, outside any change (what a scheduler does), unless a message with the same
    /// <paramref name="deduplicationKey"/> exists: one <c>INSERT … ON CONFLICT DO NOTHING</c> on either provider, so
    /// instances racing on the same key insert it once and none fails. Returns true when this call queued it.
    /// </summary>
    public static async Task<bool> TryEnqueueAsync(
        TickrDbContext db,
        DateTimeOffset now,
        string kind,
        object payload,
        string deduplicationKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrEmpty(deduplicationKey);
        now = now.ToUniversalTime();
        var id = Guid.CreateVersion7(now);
        var json = JsonSerializer.Serialize(payload);
        // Instants go in as the model stores them (SQLite: the binary form its value converter writes).
        var at = Stored(db, nameof(OutboxMessage.CreatedAt), now);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO outbox_messages (id, kind, payload, deduplication_key, created_at, next_attempt_at, attempts)
            VALUES ({id}, {kind}, {json}, {deduplicationKey}, {at}, {at}, 0)
            ON CONFLICT (deduplication_key) DO NOTHING
            """, cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    private static object? Stored(TickrDbContext db, string property, object? value)
    {
        var converter = db.Model.FindEntityType(typeof(OutboxMessage))?.FindProperty(property)?.GetTypeMapping().Converter;
        return converter is null ? value : converter.ConvertToProvider(value);
    }
}
