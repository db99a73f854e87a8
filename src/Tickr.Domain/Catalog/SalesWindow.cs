using Tickr.Domain.Common;

namespace Tickr.Domain.Catalog;

/// <summary>
/// When a ticket type can be bought: from <see cref="StartsAt"/> (inclusive; null = as soon as the event is published)
/// until <see cref="EndsAt"/> (exclusive; null = until the event starts).
/// </summary>
public sealed record SalesWindow
{
    public static readonly SalesWindow Unbounded = new(null, null);

    public SalesWindow(DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        Period.Require(startsAt, endsAt, "salesEndAt");
        StartsAt = Period.Utc(startsAt);
        EndsAt = Period.Utc(endsAt);
    }

    public DateTimeOffset? StartsAt { get; }

    public DateTimeOffset? EndsAt { get; }

    /// <summary>Whether <paramref name="now"/> is inside the window, the open end defaulting to the event's start.</summary>
    public bool Contains(DateTimeOffset now, DateTimeOffset eventStartsAt) =>
        (StartsAt is not { } s || now >= s) && now < (EndsAt ?? eventStartsAt);
}
