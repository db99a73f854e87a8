namespace Tickr.Data.Ordering;

/// <summary>
/// One slice of a ticket type's (or a quota's) capacity. A pool's capacity is split over a few buckets so that
/// concurrent buyers update different rows instead of queueing on one (see docs/adr/0004-sharded-inventory.md).
/// Each bucket carries its own CHECK (held + sold ≤ capacity), so no bucket, hence no pool, can oversell.
/// </summary>
public sealed class InventoryBucket
{
    /// <summary>The ticket type's or quota's id.</summary>
    public Guid PoolId { get; set; }

    public short Bucket { get; set; }

    public Guid EventId { get; set; }

    public int Capacity { get; set; }

    public int Held { get; set; }

    public int Sold { get; set; }
}

/// <summary>Tickets an order holds (or bought) in one bucket: what is released or settled later, exactly.</summary>
public sealed class OrderHold
{
    public Guid OrderId { get; set; }

    public Guid PoolId { get; set; }

    public short Bucket { get; set; }

    public int Quantity { get; set; }
}

/// <summary>How many tickets a buyer holds or bought for an event, for the event's per-buyer limit.</summary>
public sealed class BuyerAllowance
{
    public Guid EventId { get; set; }

    public Guid BuyerId { get; set; }

    public int Tickets { get; set; }
}

/// <summary>A payment attempt of an order with a provider.</summary>
public sealed class PaymentRecord
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    /// <summary>Development, Stripe or Clictopay.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's id (PaymentIntent id, Clictopay orderId); unique per provider.</summary>
    public string ProviderReference { get; set; } = "";

    /// <summary>Pending, Succeeded or Failed.</summary>
    public string Status { get; set; } = "";

    public long AmountMinorUnits { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>What the client needs to pay (Stripe client secret); kept so a retried checkout returns it again.</summary>
    public string? ClientSecret { get; set; }

    public string? RedirectUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A refund of (part of) an order through its payment provider.</summary>
public sealed class RefundRecord
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid? PaymentId { get; set; }

    public long AmountMinorUnits { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Succeeded or Failed.</summary>
    public string Status { get; set; } = "";

    public string? ProviderReference { get; set; }

    public string? Reason { get; set; }

    /// <summary>Who asked: an organizer's user id, or null when automatic (paid after expiry and sold out).</summary>
    public Guid? RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A provider notification already handled: webhooks are deduplicated by the provider's event id.</summary>
public sealed class ProcessedWebhook
{
    public string Provider { get; set; } = "";

    public string EventId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}
