namespace Tickr.Data.Audit;

/// <summary>One money or check-in action: who, what, on what, when and from where. Append-only.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user, or null for the system (sweeper, webhook).</summary>
    public Guid? ActorId { get; set; }

    /// <summary><c>order.reserved</c>, <c>order.paid</c>, <c>order.refunded</c>, <c>ticket.checked-in</c>…</summary>
    public string Action { get; set; } = "";

    public Guid? OrganizationId { get; set; }

    public Guid? EventId { get; set; }

    /// <summary>The order, ticket or refund acted on.</summary>
    public Guid? SubjectId { get; set; }

    /// <summary>Details as JSON (amounts, provider, gate…).</summary>
    public string? Details { get; set; }

    /// <summary>The caller's IP address, when the action came from a request.</summary>
    public string? IpAddress { get; set; }
}
