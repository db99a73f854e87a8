namespace Tickr.Data.Notifications;

/// <summary>
/// When a failed delivery is tried again: after <see cref="FirstDelay"/>, then twice as long after each further
/// failure, never longer than <see cref="MaxDelay"/>; after <see cref="MaxAttempts"/> failed attempts the message is
/// given up (<see cref="OutboxMessage.FailedAt"/>). With the defaults (30 s, 1 h, 12 attempts) a message is retried for
/// about six hours before it is given up.
/// </summary>
public sealed record OutboxRetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static readonly OutboxRetryPolicy Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 12);

    /// <summary>How long to wait after the <paramref name="failedAttempts"/>-th failure (1 → <see cref="FirstDelay"/>).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // 2^(n-1) × first, computed in doubles so that a large n saturates at the cap instead of overflowing.
        var ticks = FirstDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the values cannot work.</summary>
    public void Validate()
    {
        if (FirstDelay <= TimeSpan.Zero || MaxDelay < FirstDelay)
        {
            throw new ArgumentException($"The first retry delay must be positive and at most the maximum delay ({FirstDelay}, {MaxDelay}).");
        }
        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"At least one attempt is needed, not {MaxAttempts}.");
        }
    }
}
