using Tickr.Client;

namespace Tickr.Cli.Tests;

/// <summary>
/// The whole selling flow through the generated client only, against the real server: an organizer sets up and
/// publishes an event with a ticket type and a check-in list; a participant reserves and pays (DEVELOPMENT); a scanner
/// checks a ticket in; the organizer's subscriptions, opened through the client, see the inventory and check-ins move.
/// </summary>
[Collection(TickrServerCollection.Name)]
public sealed class ClientSellingEndToEndTests(TickrServer server)
{
    [Fact]
    public async Task Organizer_participant_and_scanner_sell_and_admit_through_the_typed_client_and_its_subscriptions_follow()
    {
        await using var organizer = await UserClient.SignInAsync(server.Endpoint, TickrServer.Organizer);
        await using var participant = await UserClient.SignInAsync(server.Endpoint, TickrServer.Participant);
        await using var scanner = await UserClient.SignInAsync(server.Endpoint, TickrServer.Scanner);
        var ev = await OnSaleEvent.CreateAsync(organizer.Client, OnSaleEvent.OrganizationId(organizer), "Client flow " + Guid.NewGuid().ToString("N")[..6], capacity: 50);

        // checkInsChanged answers at once with the current counts; inventoryChanged only after a change.
        await using var checkIns = new SubscriptionReader<CheckInsChangedResult>(ct => organizer.Client.CheckInsChangedAsync(ev.Id, ct));
        var initial = await checkIns.WaitForAsync(_ => true);
        var gate = Assert.Single(initial.CheckInsChanged.Lists);
        Assert.Equal((ev.CheckInListId, "Main gate", 0, 0), (gate.ListId, gate.Name, gate.CheckedIn, gate.Total));
        await using var inventory = new SubscriptionReader<InventoryChangedResult>(ct => organizer.Client.InventoryChangedAsync(ev.Id, ct));
        // The socket is up (checkInsChanged answered); give the second subscribe message a moment to reach the server.
        await Task.Delay(300);

        // The participant finds the event by slug, reserves two tickets and pays.
        var forSale = (await participant.Client.EventTicketingAsync(slug: ev.Slug)).EnsureData().Event!;
        Assert.True(forSale.IsOnSale);
        Assert.Null(forSale.CheckInLists);                     // the organization's only
        var regular = Assert.Single(forSale.TicketTypes);
        Assert.Equal((ev.TicketTypeId, 50, "45.000 TND"), (regular.Id, regular.Remaining, regular.Price.Formatted));
        Assert.Null(regular.Sold);

        var reserved = (await participant.Client.ReserveTicketsAsync(new ReserveTicketsInput
        {
            EventId = ev.Id,
            Items = [new ReservationItemInput { TicketTypeId = regular.Id, Quantity = 2 }],
            IdempotencyKey = Guid.NewGuid().ToString("N"),
        })).EnsureData().ReserveTickets;
        Assert.Empty(reserved.Errors);
        var order = reserved.Order!;
        Assert.Equal(OrderStatus.Reserved, order.Status);
        Assert.Equal(90_000, order.Total.MinorUnits);
        IOrderInfo asFragment = order;
        Assert.Equal(2, asFragment.TicketCount);

        var paid = (await participant.Client.CheckoutAsync(new CheckoutInput { OrderId = order.Id, Provider = PaymentProviderKind.Development })).EnsureData().Checkout;
        Assert.Empty(paid.Errors);
        Assert.Equal(PaymentState.Succeeded, paid.Payment!.State);
        Assert.Equal(OrderStatus.Paid, paid.Order!.Status);
        Assert.Equal(2, paid.Order.Tickets.Count);
        Assert.All(paid.Order.Tickets, t => Assert.StartsWith("TKR1.", t.Token));

        // The organizer's inventory subscription ends on the paid state (bursts are coalesced: intermediate counts may be skipped).
        var settled = await inventory.WaitForAsync(u => u.InventoryChanged.TicketTypes.Any(t => t.TicketTypeId == ev.TicketTypeId && t.Sold == 2 && t.Held == 0));
        Assert.Equal(48, settled.InventoryChanged.TicketTypes.Single(t => t.TicketTypeId == ev.TicketTypeId).Remaining);
        Assert.Equal(ev.Id, settled.InventoryChanged.EventId);

        // The participant's wallet and orders.
        var mine = (await participant.Client.MyTicketsAsync(first: 100)).EnsureData().Me!.Tickets.Nodes;
        var token = paid.Order.Tickets[0].Token!;
        // Tokens are ECDSA signatures, different at each read: the ticket is found by id.
        var held = Assert.Single(mine, t => t.Id == paid.Order.Tickets[0].Id);
        Assert.StartsWith("TKR1.", held.Token);
        Assert.Equal((TicketStatus.Valid, TickrServer.Participant, "Regular", ev.Slug), (held.Status, held.HolderEmail, held.TicketType!.Name, held.Event!.Slug));
        var orders = (await participant.Client.MyOrdersAsync(first: 100)).EnsureData().Me!.Orders.Nodes;
        Assert.Equal(OrderStatus.Paid, Assert.Single(orders, o => o.Id == order.Id).Status);

        // The scanner checks the first ticket in at the gate; a second scan is refused with the first admission.
        var scan = (await scanner.Client.CheckInTicketAsync(new CheckInInput { Token = token, ListId = ev.CheckInListId, DeviceId = "gate-1" })).EnsureData().CheckIn;
        Assert.Empty(scan.Errors);
        Assert.Equal(CheckInResult.Ok, scan.Result);
        Assert.Equal((held.Id, "Regular", TickrServer.Participant), (scan.Ticket!.Id, scan.Ticket.TicketTypeName, scan.Ticket.HolderEmail));
        var again = (await scanner.Client.CheckInTicketAsync(new CheckInInput { Token = token, ListId = ev.CheckInListId, DeviceId = "gate-2" })).EnsureData().CheckIn;
        Assert.Equal(CheckInResult.AlreadyCheckedIn, again.Result);
        Assert.Equal(("Main gate", "gate-1", false), (again.FirstCheckIn!.ListName, again.FirstCheckIn.DeviceId, again.FirstCheckIn.Offline));

        // The organizer's check-in subscription sees the admission, out of the two valid tickets.
        var admitted = await checkIns.WaitForAsync(u => u.CheckInsChanged.CheckedIn == 1);
        var counted = Assert.Single(admitted.CheckInsChanged.Lists);
        Assert.Equal((1, 2), (counted.CheckedIn, counted.Total));
        Assert.Equal(0.5, counted.Rate, 3);

        // And the figures agree.
        var stats = (await organizer.Client.EventStatsAsync(ev.Id)).EnsureData().Event!.Stats!;
        Assert.Equal((50, 2, 0, 48, 2), (stats.Capacity, stats.Sold, stats.Held, stats.Remaining, stats.TicketsValid));
        Assert.Equal(90_000, stats.Gross.MinorUnits);
        Assert.Equal(1, Assert.Single(stats.CheckIns).CheckedIn);
        var lists = (await organizer.Client.EventCheckInAsync(ev.Id)).EnsureData().Event!;
        Assert.Equal(1, Assert.Single(lists.CheckInLists!).CheckedIn);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", lists.TicketPublicKey!.PublicKeyPem);
    }

    [Fact]
    public async Task Typed_payload_errors_come_back_as_classes_and_a_cancelled_reservation_frees_its_tickets()
    {
        await using var organizer = await UserClient.SignInAsync(server.Endpoint, TickrServer.Organizer);
        await using var participant = await UserClient.SignInAsync(server.Endpoint, TickrServer.Participant);
        var ev = await OnSaleEvent.CreateAsync(organizer.Client, OnSaleEvent.OrganizationId(organizer), "Small hall " + Guid.NewGuid().ToString("N")[..6], capacity: 3);

        var tooMany = (await participant.Client.ReserveTicketsAsync(new ReserveTicketsInput
        {
            EventId = ev.Id,
            Items = [new ReservationItemInput { TicketTypeId = ev.TicketTypeId, Quantity = 4 }],
        })).EnsureData().ReserveTickets;
        Assert.Null(tooMany.Order);
        var soldOut = Assert.IsType<ReserveTickets_ReserveTickets_Errors_SoldOutError>(Assert.Single(tooMany.Errors));
        Assert.Equal((3, ev.TicketTypeId), (soldOut.Remaining, soldOut.TicketTypeId));

        var held = (await participant.Client.ReserveTicketsAsync(new ReserveTicketsInput
        {
            EventId = ev.Id,
            Items = [new ReservationItemInput { TicketTypeId = ev.TicketTypeId, Quantity = 3 }],
        })).EnsureData().ReserveTickets.Order!;
        Assert.Equal(0, (await participant.Client.EventTicketingAsync(id: ev.Id)).EnsureData().Event!.TicketTypes.Single().Remaining);

        var cancelled = (await participant.Client.CancelOrderAsync(new CancelOrderInput { OrderId = held.Id })).EnsureData().CancelOrder;
        Assert.Empty(cancelled.Errors);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Order!.Status);
        Assert.Equal(3, (await participant.Client.EventTicketingAsync(id: ev.Id)).EnsureData().Event!.TicketTypes.Single().Remaining);

        // Paying a cancelled order is a typed error, not an exception.
        var late = (await participant.Client.CheckoutAsync(new CheckoutInput { OrderId = held.Id, Provider = PaymentProviderKind.Development })).EnsureData().Checkout;
        Assert.IsAssignableFrom<IErrorInfo>(Assert.Single(late.Errors));
        Assert.Null(late.Payment);
    }
}
