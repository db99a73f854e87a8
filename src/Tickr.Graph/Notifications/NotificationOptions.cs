using Tickr.Data.Notifications;

namespace Tickr.Graph.Notifications;

/// <summary>Outbox delivery and reminders (<c>Tickr:Notifications:*</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tickr:Notifications";

    /// <summary>
    /// Run the dispatcher and the reminder scheduler on this instance (default true). Set false on instances that
    /// should only serve requests, as long as another instance delivers.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due messages when nobody nudges it (default 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many messages one claim takes (default 10).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// How long a claimed batch stays with its dispatcher (default 5 min). Must exceed the time to deliver a whole
    /// batch (<see cref="BatchSize"/> × the SMTP timeout in the worst case): a batch still in flight when its lease ends
    /// can be claimed by another instance and delivered twice. A dispatcher that died mid-batch delays its messages by
    /// at most this much.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the first failed attempt (default 30 s); it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = OutboxRetryPolicy.Default.FirstDelay;

    /// <summary>The longest wait between two attempts (default 1 h).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = OutboxRetryPolicy.Default.MaxDelay;

    /// <summary>Failed attempts after which a message is given up (default 12, about six hours of retries).</summary>
    public int MaxAttempts { get; set; } = OutboxRetryPolicy.Default.MaxAttempts;

    /// <summary>How often the reminder scheduler looks for orders to remind (default 5 min).</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before an event starts its buyers are reminded (default 24 h).</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The retry policy these settings describe.</summary>
    public OutboxRetryPolicy RetryPolicy => new(FirstRetryDelay, MaxRetryDelay, MaxAttempts);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the configuration key that is wrong.</summary>
    public void Validate()
    {
        Positive(PollInterval, nameof(PollInterval));
        Positive(Lease, nameof(Lease));
        Positive(FirstRetryDelay, nameof(FirstRetryDelay));
        Positive(ReminderInterval, nameof(ReminderInterval));
        Positive(ReminderLeadTime, nameof(ReminderLeadTime));
        if (MaxRetryDelay < FirstRetryDelay)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxRetryDelay)} ({MaxRetryDelay}) must be at least {Section}:{nameof(FirstRetryDelay)} ({FirstRetryDelay}).");
        }
        if (BatchSize is < 1 or > 1_000)
        {
            throw new InvalidOperationException($"{Section}:{nameof(BatchSize)} must be between 1 and 1000, not {BatchSize}.");
        }
        if (MaxAttempts < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxAttempts)} must be at least 1, not {MaxAttempts}.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{Section}:{name} must be positive (e.g. 00:00:30), not {value}.");
        }
    }
}
