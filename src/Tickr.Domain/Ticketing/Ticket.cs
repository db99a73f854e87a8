using Tickr.Domain.Common;

namespace Tickr.Domain.Ticketing;

/// <summary>Whether a ticket lets its holder in.</summary>
public enum TicketStatus
{
    /// <summary>Issued and paid: its current token opens the door.</summary>
    Valid,

    /// <summary>Refunded or cancelled: no token of it opens the door.</summary>
    Revoked,
}

/// <summary>
/// One admission, issued when its order is paid. Its QR token is signed with the event's key and carries
/// <see cref="Version"/>: a transfer bumps the version, so the previous holder's token is refused at the door.
/// </summary>
public sealed class Ticket
{
    private Ticket() { }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid EventId { get; private set; }

    public Guid TicketTypeId { get; private set; }

    /// <summary>Who holds it now: the buyer, or whoever it was transferred to.</summary>
    public string HolderEmail { get; private set; } = "";

    /// <summary>The holder's account when known (the buyer; a transferee who has an account).</summary>
    public Guid? HolderId { get; private set; }

    /// <summary>Bumped by every transfer: only the token of the current version is valid.</summary>
    public int Version { get; private set; } = 1;

    public TicketStatus Status { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static Ticket Issue(Guid orderId, Guid eventId, Guid ticketTypeId, string holderEmail, Guid? holderId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrderId = orderId,
        EventId = eventId,
        TicketTypeId = ticketTypeId,
        HolderEmail = holderEmail,
        HolderId = holderId,
        Status = TicketStatus.Valid,
        IssuedAt = now,
    };

    /// <summary>Gives the ticket to someone else: a new version, so the old token stops working.</summary>
    public void TransferTo(string email, Guid? holderId)
    {
        if (Status != TicketStatus.Valid)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, "A revoked ticket cannot be transferred.", "ticketId");
        }
        HolderEmail = email;
        HolderId = holderId;
        Version++;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (Status == TicketStatus.Revoked)
        {
            return;
        }
        Status = TicketStatus.Revoked;
        RevokedAt = now;
        Version++;
    }
}
