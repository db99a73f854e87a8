using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>A capacity shared by several ticket types of an event (a 500-seat hall sold as early bird and regular).</summary>
public sealed class CreateQuotaInput
{
    /// <summary>The event whose ticket types share the quota.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>The quota's name, e.g. "Main hall" (at most 80 characters).</summary>
    public required string Name { get; init; }

    /// <summary>How many tickets the ticket types may sell together (0 to 1,000,000).</summary>
    public required int Capacity { get; init; }

    /// <summary>The event's ticket types that draw on the quota (at least one).</summary>
    [ID]
    public required IReadOnlyList<string> TicketTypeIds { get; init; }
}

/// <summary>The result of <c>createQuota</c>.</summary>
public sealed class CreateQuotaPayload(QuotaNode? quota, IReadOnlyList<ICreateQuotaError> errors)
{
    /// <summary>The new quota; null when it was not created (see <c>errors</c>).</summary>
    public QuotaNode? Quota => quota;

    /// <summary>Why the quota was not created; empty on success.</summary>
    public IReadOnlyList<ICreateQuotaError> Errors => errors;
}
