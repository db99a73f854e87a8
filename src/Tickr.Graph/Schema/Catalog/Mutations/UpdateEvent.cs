using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>
/// Changes to an event: fields left out keep their value. <c>description</c>, <c>imageUrl</c>, <c>venueId</c> and
/// <c>categoryId</c> can be cleared with an explicit null; the other fields cannot be null. Cancelled and ended events
/// cannot be changed.
/// </summary>
public sealed class UpdateEventInput : PatchInput
{
    /// <summary>The event to change.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>The new title.</summary>
    public string? Title { get; init => field = Given(value); }

    /// <summary>A new address in URLs (unique across Tickr; a taken slug is a DuplicateError). Old links stop working.</summary>
    public string? Slug { get; init => field = Given(value); }

    /// <summary>The new description; null removes it.</summary>
    public string? Description { get; init => field = Given(value); }

    /// <summary>The new image (absolute http(s) URL); null removes it.</summary>
    public Uri? ImageUrl { get; init => field = Given(value); }

    /// <summary>The new start. A published event cannot be moved into the past.</summary>
    public DateTimeOffset? StartsAt { get; init => field = Given(value); }

    /// <summary>The new end; ticket types' sales windows must still end by then.</summary>
    public DateTimeOffset? EndsAt { get; init => field = Given(value); }

    /// <summary>The new IANA time zone.</summary>
    public string? TimeZone { get; init => field = Given(value); }

    /// <summary>Another venue of the same organization; null: no venue yet.</summary>
    [ID]
    public string? VenueId { get; init => field = Given(value); }

    /// <summary>Another category; null: none.</summary>
    [ID]
    public string? CategoryId { get; init => field = Given(value); }

    /// <summary>The new refund policy (replaces the whole policy).</summary>
    public RefundPolicyInput? RefundPolicy { get; init => field = Given(value); }

    /// <summary>At most this many tickets per buyer for the event (all types, held or bought); null removes the limit.</summary>
    public int? MaxTicketsPerBuyer { get; init => field = Given(value); }
}

/// <summary>The result of <c>updateEvent</c>.</summary>
public sealed class UpdateEventPayload(EventNode? updated, IReadOnlyList<IUpdateEventError> errors)
{
    /// <summary>The event as changed; null when nothing was changed (see <c>errors</c>).</summary>
    public EventNode? Event => updated;

    /// <summary>Why the event was not changed; empty on success.</summary>
    public IReadOnlyList<IUpdateEventError> Errors => errors;
}
