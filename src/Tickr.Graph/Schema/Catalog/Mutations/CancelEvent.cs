using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>The event to call off.</summary>
public sealed class CancelEventInput
{
    /// <summary>The draft or published event to cancel.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>Why, shown to ticket holders (at most 1,000 characters).</summary>
    public string? Reason { get; init; }
}

/// <summary>The result of <c>cancelEvent</c>.</summary>
public sealed class CancelEventPayload(EventNode? cancelled, IReadOnlyList<ICancelEventError> errors)
{
    /// <summary>The cancelled event; null when it was not cancelled (see <c>errors</c>).</summary>
    public EventNode? Event => cancelled;

    /// <summary>Why the event was not cancelled; empty on success.</summary>
    public IReadOnlyList<ICancelEventError> Errors => errors;
}
