namespace Tickr.Domain.Catalog;

/// <summary>
/// What an event promises buyers about refunds. The organizer sets it per event; refunds check it.
/// </summary>
/// <param name="Refundable">Whether paid tickets can be refunded at all.</param>
/// <param name="DeadlineHoursBeforeStart">Refunds are possible until this many hours before the event starts (0 = until it starts).</param>
/// <param name="RestockOnRefund">Whether refunded tickets go back on sale.</param>
public sealed record RefundPolicy(bool Refundable, int DeadlineHoursBeforeStart, bool RestockOnRefund)
{
    /// <summary>The default: no refunds (the organizer can still cancel the event, which refunds everyone).</summary>
    public static readonly RefundPolicy NoRefunds = new(false, 0, false);

    /// <summary>Checks the policy's own values.</summary>
    public RefundPolicy Validate()
    {
        if (DeadlineHoursBeforeStart is < 0 or > 24 * 365)
        {
            throw new Common.DomainException(Common.DomainErrorCode.InvalidValue,
                "deadlineHoursBeforeStart must be between 0 and 8760.", "refundPolicy.deadlineHoursBeforeStart");
        }
        return this;
    }

    /// <summary>Whether a refund asked at <paramref name="now"/> is within the policy.</summary>
    public bool AllowsRefundAt(DateTimeOffset now, DateTimeOffset eventStartsAt) =>
        Refundable && now <= eventStartsAt.AddHours(-DeadlineHoursBeforeStart);
}
