using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Ticketing;

/// <summary>
/// A holder gives their ticket to someone else: the ticket gets the new holder's email (and account, when one exists
/// with that address) and a new version, so the old QR code is refused at the door as REVOKED. Not once the ticket was
/// checked in, nor once its event has started or was cancelled. The change, its audit entry and the new holder's email
/// are written in one transaction.
/// </summary>
public static class TicketTransfer
{
    /// <summary>The outbox kind of the email to the new holder.</summary>
    public const string TransferredEmail = "email.ticket-transferred";

    /// <summary>
    /// Transfers <paramref name="ticketId"/> held by <paramref name="holderId"/> to <paramref name="toEmail"/>. Returns
    /// null when the caller holds no such ticket; a refused rule is a <see cref="DomainException"/> (InvalidStatus or
    /// InvalidValue on <c>toEmail</c>); a concurrent change of the ticket a <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    /// <remarks>
    /// The check-in test reads committed check-ins inside the transaction, after the ticket row is updated: a scan
    /// committed before it refuses the transfer; a scan racing it may still admit the old version at the very moment
    /// of the transfer (the door and the transfer cannot both be first), which the audit log shows.
    /// </remarks>
    public static async Task<Ticket?> TransferAsync(
        TickrDbContext db,
        Guid ticketId,
        Guid holderId,
        string toEmail,
        DateTimeOffset now,
        AuditSource source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        string email;
        try
        {
            email = EmailAddress.Normalize(toEmail);
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Code, e.Message, "toEmail");
        }
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId && t.HolderId == holderId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return null;
        }
        if (ticket.Status != TicketStatus.Valid)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, "This ticket was revoked (refunded or cancelled); it cannot be transferred.", "ticketId");
        }
        if (string.Equals(ticket.HolderEmail, email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(DomainErrorCode.InvalidValue, "The ticket is already held by this address.", "toEmail");
        }
        var ev = await db.Events.AsNoTracking().Where(e => e.Id == ticket.EventId)
            .Select(e => new { e.OrganizationId, e.StartsAt, e.Status })
            .FirstAsync(cancellationToken).ConfigureAwait(false);
        if (ev.Status == Domain.Catalog.EventStatus.Cancelled)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, "The event was cancelled; its tickets cannot be transferred.", "ticketId");
        }
        if (now >= ev.StartsAt)
        {
            throw new DomainException(DomainErrorCode.InvalidStatus, "The event has started; tickets can only be transferred before it starts.", "ticketId");
        }
        var normalized = email.ToUpperInvariant();
        var newHolder = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var from = ticket.HolderEmail;
        ticket.TransferTo(email, newHolder);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        OrderBook.Audit(db, now, source, "ticket.transferred", ev.OrganizationId, ticket.EventId, ticket.Id,
            new { From = from, To = email, ticket.Version, ToAccount = newHolder });
        OrderBook.Enqueue(db, now, TransferredEmail, new { TicketId = ticket.Id }, $"transfer:{ticket.Id}:{ticket.Version}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (await db.CheckIns.AnyAsync(c => c.TicketId == ticket.Id, cancellationToken).ConfigureAwait(false))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new DomainException(DomainErrorCode.InvalidStatus, "This ticket was already checked in; it cannot be transferred.", "ticketId");
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ticket;
    }
}
