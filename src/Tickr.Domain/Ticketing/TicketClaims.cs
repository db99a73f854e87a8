namespace Tickr.Domain.Ticketing;

/// <summary>
/// What a ticket's QR code asserts: which event, which ticket, of which type, and the ticket's version. The version
/// changes when the ticket is reissued (holder renamed, token revoked): a scanner that knows the current version
/// refuses older tokens of the same ticket.
/// </summary>
/// <param name="EventId">The event the ticket admits to; it also selects the event's signing key.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="TicketTypeId">The ticket's type (e.g. VIP), so a scanner can direct the holder without a lookup.</param>
/// <param name="Version">The ticket's version, zero or more.</param>
public sealed record TicketClaims(Guid EventId, Guid TicketId, Guid TicketTypeId, int Version);
