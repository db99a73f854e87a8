using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Notifications;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Notifications;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Email;
using Tickr.Graph.Ticketing;

namespace Tickr.Graph.Notifications;

/// <summary>
/// The buyer's emails of an order: the confirmation (<c>email.order-confirmation</c>) and the reminder
/// (<c>email.reminder</c>), each with the order's valid tickets that the buyer still holds, their tokens signed now
/// (so a ticket's current version); and the refund notice (<c>email.refund</c>). Written in the buyer's language
/// (<c>TickrUser.Locale</c>), addressed to the order's email.
/// </summary>
public sealed class OrderEmailRenderer(IDbContextFactory<TickrDbContext> contexts, EventKeys keys, TimeProvider clock) : INotificationRenderer
{
    private static readonly JsonSerializerOptions PayloadOptions = new() { PropertyNameCaseInsensitive = true };

    public IReadOnlyCollection<string> Kinds { get; } = [OrderBook.ConfirmationEmail, OrderBook.ReminderEmail, OrderBook.RefundEmail];

    public async Task<EmailMessage?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = Payload(message);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await LoadAsync(db, payload.OrderId, cancellationToken);
        return message.Kind switch
        {
            OrderBook.ConfirmationEmail => await ConfirmationAsync(order, cancellationToken),
            OrderBook.ReminderEmail => await ReminderAsync(order, cancellationToken),
            OrderBook.RefundEmail => await RefundAsync(db, order, payload.RefundId
                ?? throw new NotificationRenderException("The refund message has no RefundId."), cancellationToken),
            _ => throw new NotificationRenderException($"{nameof(OrderEmailRenderer)} does not render '{message.Kind}'."),
        };
    }

    private async Task<EmailMessage?> ConfirmationAsync(OrderView view, CancellationToken cancellationToken)
    {
        var tickets = await TicketsAsync(view, cancellationToken);
        if (view.Order.Status is not (OrderStatus.Paid or OrderStatus.Refunded) || tickets.Count == 0)
        {
            // Refunded in full before the email went out: there is nothing left to show at the door.
            return null;
        }
        var currency = view.Order.Currency;
        var lines = view.Order.Lines
            .OrderBy(l => l.Position)
            .Select(l => new TicketEmailLine(
                l.TicketTypeName, l.Quantity, new Money(l.UnitPriceMinorUnits - l.UnitDiscountMinorUnits, currency), new Money(l.TotalMinorUnits, currency)))
            .ToList();
        return TicketEmails.OrderConfirmation(
            view.Order.BuyerEmail, view.BuyerName, view.EmailEvent, view.Order.Number, lines, view.Order.Total, tickets, view.Locale);
    }

    private async Task<EmailMessage?> ReminderAsync(OrderView view, CancellationToken cancellationToken)
    {
        if (view.Order.Status != OrderStatus.Paid || view.Event.Status != EventStatus.Published || clock.GetUtcNow() >= view.Event.StartsAt)
        {
            // Refunded, cancelled, or the event has begun (a reminder delayed by an outage): no reminder any more.
            return null;
        }
        var tickets = await TicketsAsync(view, cancellationToken);
        return tickets.Count == 0
            ? null
            : TicketEmails.Reminder(view.Order.BuyerEmail, view.BuyerName, view.EmailEvent, tickets, view.Locale);
    }

    private static async Task<EmailMessage?> RefundAsync(TickrDbContext db, OrderView view, Guid refundId, CancellationToken cancellationToken)
    {
        var refund = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId && r.OrderId == view.Order.Id, cancellationToken)
            ?? throw new NotificationRenderException($"Refund {refundId} of order {view.Order.Id} does not exist.");
        return TicketEmails.RefundNotice(
            view.Order.BuyerEmail, view.BuyerName, view.Event.Title, view.Order.Number,
            new Money(refund.AmountMinorUnits, Currency.FromCode(refund.Currency)), refund.Reason, view.Locale);
    }

    /// <summary>The order's valid tickets the buyer holds (not those transferred away), in line order, with fresh tokens.</summary>
    private async Task<List<TicketEmailTicket>> TicketsAsync(OrderView view, CancellationToken cancellationToken)
    {
        var order = view.Order;
        var lines = order.Lines.ToDictionary(l => l.TicketTypeId);
        var held = view.Tickets
            .Where(t => t.Status == TicketStatus.Valid
                && (t.HolderId == order.BuyerId || string.Equals(t.HolderEmail, order.BuyerEmail, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => lines.TryGetValue(t.TicketTypeId, out var line) ? line.Position : int.MaxValue)
            .ThenBy(t => t.Id)
            .ToList();
        var result = new List<TicketEmailTicket>(held.Count);
        foreach (var ticket in held)
        {
            var token = await keys.IssueTokenAsync(ticket, cancellationToken);
            result.Add(new TicketEmailTicket(ticket.Id, view.BuyerName, token, lines.GetValueOrDefault(ticket.TicketTypeId)?.TicketTypeName));
        }
        return result;
    }

    private static async Task<OrderView> LoadAsync(TickrDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new NotificationRenderException($"Order {orderId} does not exist.");
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == order.EventId, cancellationToken)
            ?? throw new NotificationRenderException($"The event of order {orderId} does not exist.");
        var venue = ev.VenueId is { } venueId
            ? await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, cancellationToken)
            : null;
        var buyer = await db.Users.AsNoTracking()
            .Where(u => u.Id == order.BuyerId)
            .Select(u => new { u.DisplayName, u.Locale })
            .FirstOrDefaultAsync(cancellationToken);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.OrderId == order.Id).ToListAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(buyer?.DisplayName) ? order.BuyerEmail.Split('@')[0] : buyer.DisplayName;
        var emailEvent = new TicketEmailEvent(ev.Title, venue?.Name ?? "", venue?.City, ev.StartsAt, ev.TimeZoneId);
        return new OrderView(order, ev, emailEvent, tickets, name, buyer?.Locale);
    }

    private static OrderPayload Payload(OutboxMessage message)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<OrderPayload>(message.Payload, PayloadOptions);
            return payload is { OrderId: var id } && id != Guid.Empty
                ? payload
                : throw new NotificationRenderException($"The payload of {message.Kind} has no OrderId.");
        }
        catch (JsonException e)
        {
            throw new NotificationRenderException($"The payload of {message.Kind} is not valid JSON: {e.Message}", e);
        }
    }

    private sealed record OrderPayload(Guid OrderId, Guid? RefundId);

    private sealed record OrderView(Order Order, Event Event, TicketEmailEvent EmailEvent, List<Ticket> Tickets, string BuyerName, string? Locale);
}
