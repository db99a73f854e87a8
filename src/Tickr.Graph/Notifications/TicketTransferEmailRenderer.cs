using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Notifications;
using Tickr.Data.Ticketing;
using Tickr.Domain.Notifications;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Email;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Notifications;

/// <summary>
/// Renders <c>email.ticket-transferred</c> {TicketId}: the ticket's new holder gets its current QR code. A message
/// for a version that was transferred again (or revoked) meanwhile sends nothing: the later message covers it.
/// </summary>
public sealed class TicketTransferEmailRenderer(IDbContextFactory<TickrDbContext> contexts, EventKeys keys) : INotificationRenderer
{
    private static readonly JsonSerializerOptions PayloadOptions = new() { PropertyNameCaseInsensitive = true };

    public IReadOnlyCollection<string> Kinds { get; } = [TicketTransfer.TransferredEmail];

    public async Task<EmailMessage?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Guid ticketId;
        try
        {
            ticketId = JsonSerializer.Deserialize<TransferPayload>(message.Payload, PayloadOptions)?.TicketId ?? Guid.Empty;
        }
        catch (JsonException e)
        {
            throw new NotificationRenderException($"The payload of {message.Kind} is not valid JSON: {e.Message}", e);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
            ?? throw new NotificationRenderException($"Ticket {ticketId} does not exist.");
        if (ticket.Status != TicketStatus.Valid || message.DeduplicationKey is { } key && !key.EndsWith($":{ticket.Version}", StringComparison.Ordinal))
        {
            return null;
        }
        var ev = await db.Events.AsNoTracking().FirstAsync(e => e.Id == ticket.EventId, cancellationToken);
        var venue = ev.VenueId is { } venueId ? await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, cancellationToken) : null;
        var type = await db.TicketTypes.AsNoTracking().Where(t => t.Id == ticket.TicketTypeId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var holder = await db.Users.AsNoTracking().Where(u => u.Id == ticket.HolderId).Select(u => new { u.DisplayName, u.Locale }).FirstOrDefaultAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(holder?.DisplayName) ? ticket.HolderEmail.Split('@')[0] : holder.DisplayName;
        var token = await keys.IssueTokenAsync(ticket, cancellationToken);
        return TicketEmails.TicketTransferred(
            ticket.HolderEmail, name, new TicketEmailEvent(ev.Title, venue?.Name ?? "", venue?.City, ev.StartsAt, ev.TimeZoneId),
            [new TicketEmailTicket(ticket.Id, name, token, type)], holder?.Locale);
    }

    private sealed record TransferPayload(Guid TicketId);
}
