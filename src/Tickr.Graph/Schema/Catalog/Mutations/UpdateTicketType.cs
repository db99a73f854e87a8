using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>
/// Changes to a ticket type: fields left out keep their value. <c>description</c>, <c>salesStartAt</c>,
/// <c>salesEndAt</c> and <c>accessCode</c> can be cleared with an explicit null; the other fields cannot be null.
/// Making a type public (<c>isHidden: false</c>) drops its access code.
/// </summary>
public sealed class UpdateTicketTypeInput : PatchInput
{
    /// <summary>The ticket type to change.</summary>
    [ID]
    public required string TicketTypeId { get; init; }

    /// <summary>The new name.</summary>
    public string? Name { get; init => field = Given(value); }

    /// <summary>The new description; null removes it.</summary>
    public string? Description { get; init => field = Given(value); }

    /// <summary>The new price, in the event's currency. Tickets already sold keep the price they were sold at.</summary>
    public MoneyInput? Price { get; init => field = Given(value); }

    /// <summary>The new capacity; never below the tickets already sold or held (CapacityBelowSoldError).</summary>
    public int? Capacity { get; init => field = Given(value); }

    /// <summary>When sales open; null: as soon as the event is published.</summary>
    public DateTimeOffset? SalesStartAt { get; init => field = Given(value); }

    /// <summary>When sales close; null: when the event starts.</summary>
    public DateTimeOffset? SalesEndAt { get; init => field = Given(value); }

    /// <summary>The new per-order minimum.</summary>
    public int? MinPerOrder { get; init => field = Given(value); }

    /// <summary>The new per-order maximum.</summary>
    public int? MaxPerOrder { get; init => field = Given(value); }

    /// <summary>Hide or show the type in public listings.</summary>
    public bool? IsHidden { get; init => field = Given(value); }

    /// <summary>The new access code of a hidden type.</summary>
    public string? AccessCode { get; init => field = Given(value); }
}

/// <summary>The result of <c>updateTicketType</c>.</summary>
public sealed class UpdateTicketTypePayload(TicketTypeNode? ticketType, IReadOnlyList<IUpdateTicketTypeError> errors)
{
    /// <summary>The ticket type as changed; null when nothing was changed (see <c>errors</c>).</summary>
    public TicketTypeNode? TicketType => ticketType;

    /// <summary>Why the ticket type was not changed; empty on success.</summary>
    public IReadOnlyList<IUpdateTicketTypeError> Errors => errors;
}
