using System.ComponentModel;
using Tickr.Graph.Schema.Common;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Catalog.Mutations;

/// <summary>A new kind of ticket for an event.</summary>
public sealed class AddTicketTypeInput
{
    /// <summary>The event the ticket type is sold for.</summary>
    [ID]
    public required string EventId { get; init; }

    /// <summary>The ticket type's name, e.g. "Early bird" (at most 80 characters).</summary>
    public required string Name { get; init; }

    /// <summary>What the ticket includes (at most 2,000 characters).</summary>
    public string? Description { get; init; }

    /// <summary>The price of one ticket, in the event's currency; zero for a free ticket.</summary>
    public required MoneyInput Price { get; init; }

    /// <summary>How many tickets of this type exist (0 to 1,000,000).</summary>
    public required int Capacity { get; init; }

    /// <summary>When sales open; null: as soon as the event is published.</summary>
    public DateTimeOffset? SalesStartAt { get; init; }

    /// <summary>When sales close (not after the event's end); null: when the event starts.</summary>
    public DateTimeOffset? SalesEndAt { get; init; }

    /// <summary>The fewest tickets of this type one order may hold (at least 1).</summary>
    [DefaultValue(1)]
    public int MinPerOrder { get; init; } = 1;

    /// <summary>The most tickets of this type one order may hold (at most 100).</summary>
    [DefaultValue(10)]
    public int MaxPerOrder { get; init; } = 10;

    /// <summary>Hidden types are left out of public listings and sold only with their access code.</summary>
    [DefaultValue(false)]
    public bool IsHidden { get; init; }

    /// <summary>The code that unlocks a hidden type (3 to 40 letters, digits, '-' or '_'); required when hidden, refused otherwise.</summary>
    public string? AccessCode { get; init; }
}

/// <summary>The result of <c>addTicketType</c>.</summary>
public sealed class AddTicketTypePayload(TicketTypeNode? ticketType, IReadOnlyList<IAddTicketTypeError> errors)
{
    /// <summary>The new ticket type (its <c>event</c> is the event as changed); null when it was not added (see <c>errors</c>).</summary>
    public TicketTypeNode? TicketType => ticketType;

    /// <summary>Why the ticket type was not added; empty on success.</summary>
    public IReadOnlyList<IAddTicketTypeError> Errors => errors;
}
