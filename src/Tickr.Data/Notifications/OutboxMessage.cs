namespace Tickr.Data.Notifications;

/// <summary>
/// Something to deliver after a change commits (an email, an organizer webhook), written in the same transaction as
/// the change. A background dispatcher claims due messages (several instances never claim the same one), delivers
/// them, and retries with backoff when delivery fails.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>What to deliver: <c>email.order-confirmation</c>, <c>email.reminder</c>, <c>email.refund</c>…</summary>
    public string Kind { get; set; } = "";

    /// <summary>The message's data as JSON (ids, not rendered content: rendering happens at delivery).</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>A key that makes a message unique (<c>reminder:{orderId}</c>), so it is never queued twice.</summary>
    public string? DeduplicationKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not delivered before this instant (backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A dispatcher is delivering it until then; afterwards it is claimable again (the instance died).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Given up after too many attempts (kept for an operator to look at).</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
