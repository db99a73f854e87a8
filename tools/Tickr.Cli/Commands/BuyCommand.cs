using System.CommandLine;
using Spectre.Console;
using Tickr.Client;

namespace Tickr.Cli.Commands;

/// <summary>tickr buy: reserve, then pay with the development provider; prints the order and its ticket tokens.</summary>
public static class BuyCommand
{
    public static Command Create(CliApp app)
    {
        var eventKey = new Argument<string>("event") { Description = "The event's slug or id" };
        var typeKey = new Argument<string>("ticket-type") { Description = "The ticket type's name (e.g. Regular) or id" };
        var quantity = new Argument<int>("quantity") { Description = "How many tickets" };
        var promoCode = new Option<string?>("--promo-code") { Description = "A promo code of the event" };
        var accessCode = new Option<string?>("--access-code") { Description = "The code that unlocks a hidden ticket type" };
        var command = new Command("buy", "Buy tickets: reserve them and pay with the DEVELOPMENT provider (development servers only)")
        {
            eventKey, typeKey, quantity, promoCode, accessCode,
        };
        command.SetAction((parse, ct) => app.RunAsync(async () =>
        {
            var count = parse.GetValue(quantity);
            if (count < 1)
            {
                throw new CliException("The quantity must be at least 1.");
            }
            await using var session = app.Open(parse, requireSignIn: true);
            var client = session.Client;
            var ev = await EventLookup.FindAsync(client, parse.GetValue(eventKey)!, parse.GetValue(accessCode), ct).ConfigureAwait(false);
            var type = PickTicketType(ev, parse.GetValue(typeKey)!);

            var reserve = (await client.ReserveTicketsAsync(new ReserveTicketsInput
            {
                EventId = ev.Id,
                Items = [new ReservationItemInput { TicketTypeId = type.Id, Quantity = count }],
                PromoCode = Output.Given(parse.GetValue(promoCode)),
                AccessCode = Output.Given(parse.GetValue(accessCode)),
                // A retry of this very purchase (same key) could not buy twice.
                IdempotencyKey = Guid.NewGuid().ToString("N"),
            }, ct).ConfigureAwait(false)).EnsureData().ReserveTickets;
            foreach (var error in reserve.Errors)
            {
                switch (error)
                {
                    case ReserveTickets_ReserveTickets_Errors_SoldOutError soldOut:
                        throw new CliException($"Sold out: {soldOut.Remaining} {type.Name} ticket(s) left, {count} asked. ({soldOut.Code})");
                    case ReserveTickets_ReserveTickets_Errors_LimitExceededError limit:
                        throw new CliException($"{limit.Message} (limit {limit.Limit?.ToString() ?? "?"}; {limit.Code})");
                }
            }
            Output.ThrowIfErrors("Reservation", reserve.Errors);
            var order = reserve.Order ?? throw new CliException("The server reserved nothing and said no more.");
            app.Out.MarkupLine($"Reserved order [bold]{Output.Escape(order.Number)}[/]: {count} × {Output.Escape(type.Name)} of {Output.Escape(ev.Title)}, {Output.Escape(order.Total.Formatted)}.");

            var checkout = (await client.CheckoutAsync(new CheckoutInput { OrderId = order.Id, Provider = PaymentProviderKind.Development }, ct).ConfigureAwait(false))
                .EnsureData().Checkout;
            if (checkout.Errors.Count > 0)
            {
                // Give the tickets back at once rather than holding them until the reservation expires.
                await client.CancelOrderAsync(new CancelOrderInput { OrderId = order.Id }, CancellationToken.None).ConfigureAwait(false);
                Output.ThrowIfErrors($"Payment of {order.Number} (the reservation was cancelled)", checkout.Errors);
            }
            var paid = checkout.Order ?? throw new CliException($"The server took the payment of {order.Number} but returned no order.");
            if (paid.Status != OrderStatus.Paid)
            {
                throw new CliException($"Order {paid.Number} is {paid.Status.ToString().ToUpperInvariant()} after the payment ({checkout.Payment?.State.ToString() ?? "no payment"}).");
            }
            app.Out.MarkupLine($"[green]Paid[/] order [bold]{Output.Escape(paid.Number)}[/]: {Output.Escape(paid.Total.Formatted)}, {paid.Tickets.Count} ticket(s). Ticket tokens (the QR codes' text):");
            foreach (var ticket in paid.Tickets)
            {
                app.Out.WriteRaw(ticket.Token ?? $"(no token for ticket {ticket.Id})");
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static EventTicketing_Event_TicketTypes PickTicketType(EventTicketing_Event ev, string key)
    {
        var byId = ev.TicketTypes.FirstOrDefault(t => t.Id == key);
        if (byId is not null)
        {
            return byId;
        }
        var byName = ev.TicketTypes.Where(t => string.Equals(t.Name, key, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count == 1)
        {
            return byName[0];
        }
        var names = ev.TicketTypes.Count == 0
            ? "it has none on sale to you"
            : "its types: " + string.Join(", ", ev.TicketTypes.Select(t => $"{t.Name} ({t.Price.Formatted}, {t.Remaining} left)"));
        throw new CliException(byName.Count > 1
            ? $"Several ticket types of {ev.Title} are called '{key}': give the id ({string.Join(", ", byName.Select(t => t.Id))})."
            : $"{ev.Title} has no ticket type '{key}': {names}.");
    }
}
