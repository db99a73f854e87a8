using System.ComponentModel;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>A new event, created as a draft: add ticket types, then publish it.</summary>
public sealed class CreateEventInput
{
    /// <summary>The organization selling the tickets.</summary>
    [ID]
    public required string OrganizationId { get; init; }

    /// <summary>The event's title (at most 160 characters).</summary>
    public required string Title { get; init; }

    /// <summary>
    /// The event's address in URLs: lower-case letters, digits and single hyphens, at most 80 characters, unique across
    /// Tickr (a taken slug is a DuplicateError). Left out: made from the title, with -2, -3… appended when taken.
    /// </summary>
    public string? Slug { get; init; }

    /// <summary>What the event is about (plain text, at most 20,000 characters).</summary>
    public string? Description { get; init; }

    /// <summary>The poster or banner image: an absolute http(s) URL.</summary>
    public Uri? ImageUrl { get; init; }

    /// <summary>When the event starts; must be in the future.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the event ends; after the start, at most a year later.</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>IANA time zone the event's times are shown in (default Africa/Tunis).</summary>
    public string? TimeZone { get; init; }

    /// <summary>Where the event is held: a venue of the same organization. Can be set later.</summary>
    [ID]
    public string? VenueId { get; init; }

    /// <summary>The event's category (see <c>categories</c>).</summary>
    [ID]
    public string? CategoryId { get; init; }

    /// <summary>ISO 4217 code of the currency every price of the event is in: TND, EUR or USD. Cannot be changed later.</summary>
    [DefaultValue("TND")]
    public string Currency { get; init; } = "TND";

    /// <summary>What buyers are promised about refunds (default: no refunds).</summary>
    public RefundPolicyInput? RefundPolicy { get; init; }

    /// <summary>At most this many tickets per buyer for the event (all types, held or bought, 1 to 10,000); absent: no limit.</summary>
    public int? MaxTicketsPerBuyer { get; init; }
}

/// <summary>What an event promises buyers about refunds.</summary>
public sealed class RefundPolicyInput
{
    /// <summary>Whether paid tickets can be refunded at all.</summary>
    public required bool Refundable { get; init; }

    /// <summary>Refunds are possible until this many hours before the start (0 to 8760; 0: until it starts).</summary>
    [DefaultValue(0)]
    public int DeadlineHoursBeforeStart { get; init; }

    /// <summary>Whether refunded tickets go back on sale.</summary>
    [DefaultValue(false)]
    public bool RestockOnRefund { get; init; }

    internal Domain.Catalog.RefundPolicy ToPolicy() => new(Refundable, DeadlineHoursBeforeStart, RestockOnRefund);
}

/// <summary>The result of <c>createEvent</c>.</summary>
public sealed class CreateEventPayload(EventNode? created, IReadOnlyList<ICreateEventError> errors)
{
    /// <summary>The new draft event; null when it was not created (see <c>errors</c>).</summary>
    public EventNode? Event => created;

    /// <summary>Why the event was not created; empty on success.</summary>
    public IReadOnlyList<ICreateEventError> Errors => errors;
}
