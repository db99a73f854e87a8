using System.Buffers.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.Ticketing;
using static Tickr.Graph.Tests.Live.LiveSockets;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>
/// The fields the web app added to the schema (issue 9): an event's orders and attendees, a ticket's order and first
/// admission, per-minute sales and per-gate admissions (queried and live), the token's event id, the payment options.
/// Real HTTP and WebSocket on PostgreSQL.
/// </summary>
public sealed class WebAppSchemaTests(TicketingServers servers) : IClassFixture<TicketingServers>
{
    private TicketingApi Api => servers.Api;

    private CatalogApi Catalog => servers.Api.Catalog;

    private const string OrdersQuery = """
        query($id: ID!, $search: String, $status: [OrderStatus!], $first: Int, $after: String) { node(id: $id) { ... on Event {
          orders(search: $search, status: $status, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id number status buyerEmail ticketCount }
          } } } }
        """;

    private const string AttendeesQuery = """
        query($id: ID!, $search: String, $first: Int, $after: String) { node(id: $id) { ... on Event {
          attendees(search: $search, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            nodes { id holderEmail status checkedInAt ticketType { name } order { id number buyerEmail } }
          } } } }
        """;

    private async Task<JsonElement> DataAsync(string query, object variables, string? token)
    {
        var body = await Catalog.PostAsync(query, variables, token);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private async Task<JsonElement> OrdersAsync(string eventId, string token, string? search = null, string[]? status = null, int? first = null, string? after = null) =>
        (await DataAsync(OrdersQuery, new { id = eventId, search, status, first, after }, token)).GetProperty("node").GetProperty("orders");

    private async Task<JsonElement> AttendeesAsync(string eventId, string token, string? search = null, int? first = null, string? after = null) =>
        (await DataAsync(AttendeesQuery, new { id = eventId, search, first, after }, token)).GetProperty("node").GetProperty("attendees");

    private static List<string> Numbers(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("number").GetString()!).ToList();

    private async Task<string> OrderIdAsync(string number)
    {
        await using var db = await Catalog.Contexts.CreateDbContextAsync();
        return CatalogApi.Gid("Order", await db.Orders.Where(o => o.Number == number).Select(o => o.Id).SingleAsync());
    }

    /// <summary>An event with three paid orders (one with a ticket passed on to a friend) and one unpaid reservation.</summary>
    private async Task<Sales> SalesAsync(string name)
    {
        var e = await Api.OnSaleEventAsync(name);
        var alice = await Api.BuyerAsync($"alice-{Guid.NewGuid():N}@tests.tickr.tn");
        var bob = await Api.BuyerAsync($"bob-{Guid.NewGuid():N}@tests.tickr.tn");
        var (first, firstTickets) = await Api.BuyAsync(alice, e.EventId, e.RegularTypeId);
        await Task.Delay(5);
        var (second, secondTickets) = await Api.BuyAsync(bob, e.EventId, e.VipTypeId, 2);
        var friend = await Api.BuyerAsync($"friend-{Guid.NewGuid():N}@tests.tickr.tn");
        await Catalog.SucceedAsync("transferTicket", new { ticketId = secondTickets[1].Id, toEmail = friend.Email }, bob.Token, "ticket { id }");
        await Task.Delay(5);
        var (third, thirdTickets) = await Api.BuyAsync(alice, e.EventId, e.RegularTypeId);
        var reserved = await Catalog.SucceedAsync("reserveTickets",
            new { eventId = e.EventId, items = new[] { new { ticketTypeId = e.RegularTypeId, quantity = 1 } } }, bob.Token, "order { number }");
        return new Sales(e, alice, bob, friend, [first, second, third], [.. firstTickets, .. secondTickets, .. thirdTickets],
            reserved.GetProperty("order").GetProperty("number").GetString()!);
    }

    private sealed record Sales(OnSaleEvent Event, Buyer Alice, Buyer Bob, Buyer Friend, IReadOnlyList<string> Paid, IReadOnlyList<BoughtTicket> Tickets, string Reserved);

    [Fact]
    public async Task Orders_are_newest_first_with_status_filter_and_pagination()
    {
        var s = await SalesAsync("Orders");
        var token = s.Event.Organizer.Token;

        var all = await OrdersAsync(s.Event.EventId, token);
        Assert.Equal([s.Reserved, s.Paid[2], s.Paid[1], s.Paid[0]], Numbers(all));
        Assert.Equal(4, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(["RESERVED", "PAID", "PAID", "PAID"], all.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("status").GetString()));
        Assert.Equal(2, all.GetProperty("nodes")[2].GetProperty("ticketCount").GetInt32());

        var paid = await OrdersAsync(s.Event.EventId, token, status: ["PAID", "REFUNDED"]);
        Assert.Equal([s.Paid[2], s.Paid[1], s.Paid[0]], Numbers(paid));
        Assert.Equal(3, paid.GetProperty("totalCount").GetInt32());

        var page1 = await OrdersAsync(s.Event.EventId, token, status: ["PAID"], first: 2);
        Assert.Equal([s.Paid[2], s.Paid[1]], Numbers(page1));
        Assert.True(page1.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var page2 = await OrdersAsync(s.Event.EventId, token, status: ["PAID"], first: 2, after: page1.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Equal([s.Paid[0]], Numbers(page2));
        Assert.False(page2.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        // The default page is 20; more than 100 is refused.
        var tooMany = await Catalog.PostAsync(OrdersQuery, new { id = s.Event.EventId, first = 101 }, token);
        Assert.Equal("BAD_USER_INPUT", tooMany.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Order_search_matches_number_buyer_and_holder_emails_in_any_case_as_substrings()
    {
        var s = await SalesAsync("Order search");
        var token = s.Event.Organizer.Token;

        // Part of the number, in lower case.
        Assert.Equal([s.Paid[1]], Numbers(await OrdersAsync(s.Event.EventId, token, search: s.Paid[1][3..9].ToLowerInvariant())));
        // Part of the buyer's email, in upper case: Alice's two orders, newest first.
        Assert.Equal([s.Paid[2], s.Paid[0]], Numbers(await OrdersAsync(s.Event.EventId, token, search: " " + s.Alice.Email[..20].ToUpperInvariant() + " ")));
        // A holder's email finds the order the ticket came from (Bob's, passed on to the friend).
        var byHolder = await OrdersAsync(s.Event.EventId, token, search: s.Friend.Email.Split('@')[0]);
        Assert.Equal([s.Paid[1]], Numbers(byHolder));
        Assert.Equal(1, byHolder.GetProperty("totalCount").GetInt32());
        // Combined with a status filter; no match; an empty search is no filter.
        Assert.Equal([s.Reserved], Numbers(await OrdersAsync(s.Event.EventId, token, search: "bob-", status: ["RESERVED"])));
        Assert.Empty(Numbers(await OrdersAsync(s.Event.EventId, token, search: "nobody-at-all")));
        Assert.Equal(4, Numbers(await OrdersAsync(s.Event.EventId, token, search: "  ")).Count);
        // LIKE's wildcards are plain characters.
        Assert.Empty(Numbers(await OrdersAsync(s.Event.EventId, token, search: "%")));
        Assert.Empty(Numbers(await OrdersAsync(s.Event.EventId, token, search: "_")));
    }

    [Fact]
    public async Task Attendees_are_paid_tickets_oldest_first_with_their_order_first_admission_and_search()
    {
        var s = await SalesAsync("Attendees");
        var token = s.Event.Organizer.Token;
        var gate = await Api.CreateListAsync(s.Event, "Main");
        Assert.Equal("OK", await Api.ResultAsync(s.Tickets[0].Token, gate, s.Event.ScannerToken, "Porte 1 · phone-a"));

        var all = await AttendeesAsync(s.Event.EventId, token);
        var nodes = all.GetProperty("nodes").EnumerateArray().ToList();
        // The reservation has no tickets: four tickets of three paid orders, in issue order.
        Assert.Equal(s.Tickets.Select(t => t.Id), nodes.Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(4, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(await OrderIdAsync(s.Paid[0]), nodes[0].GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(s.Paid[1], nodes[2].GetProperty("order").GetProperty("number").GetString());
        Assert.Equal(s.Bob.Email, nodes[2].GetProperty("order").GetProperty("buyerEmail").GetString());
        Assert.Equal(s.Friend.Email, nodes[2].GetProperty("holderEmail").GetString());
        Assert.Equal("VIP", nodes[1].GetProperty("ticketType").GetProperty("name").GetString());
        var checkedInAt = nodes[0].GetProperty("checkedInAt").GetDateTimeOffset();
        Assert.InRange(checkedInAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.All(nodes.Skip(1), n => Assert.Equal(JsonValueKind.Null, n.GetProperty("checkedInAt").ValueKind));

        // A later admission at a second list does not move the first one.
        var side = await Api.CreateListAsync(s.Event, "Side");
        Assert.Equal("OK", await Api.ResultAsync(s.Tickets[0].Token, side, s.Event.ScannerToken, "Porte 2 · phone-b"));
        var again = await AttendeesAsync(s.Event.EventId, token, first: 1);
        Assert.Equal(checkedInAt, again.GetProperty("nodes")[0].GetProperty("checkedInAt").GetDateTimeOffset());

        // Pagination, and search by holder, buyer and order number.
        Assert.True(again.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = await AttendeesAsync(s.Event.EventId, token, first: 10, after: again.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Equal(s.Tickets.Skip(1).Select(t => t.Id), rest.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        var ids = async (string search) => (await AttendeesAsync(s.Event.EventId, token, search: search)).GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Equal([s.Tickets[2].Id], await ids(s.Friend.Email.ToUpperInvariant()));
        Assert.Equal([s.Tickets[1].Id, s.Tickets[2].Id], await ids(s.Bob.Email));
        Assert.Equal([s.Tickets[3].Id], await ids(s.Paid[2].ToLowerInvariant()));

        // A refunded order's tickets stay, revoked.
        await Catalog.SucceedAsync("updateEvent", new { eventId = s.Event.EventId, refundPolicy = new { refundable = true } }, token, "event { id }");
        await Catalog.SucceedAsync("refundOrder", new { orderId = await OrderIdAsync(s.Paid[2]) }, token, "order { status }");
        var refunded = await AttendeesAsync(s.Event.EventId, token, search: s.Paid[2]);
        Assert.Equal("REVOKED", Assert.Single(refunded.GetProperty("nodes").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Orders_attendees_and_a_tickets_order_are_hidden_from_scanners_other_organizers_and_participants()
    {
        var s = await SalesAsync("Private sales");
        var other = await Catalog.OrganizerAsync("Another organizer");
        var manager = await Catalog.MemberAsync(s.Event.Organizer, OrganizationRole.Manager);
        var readKey = CatalogApi.ApiKeyToken(s.Event.Organizer.OrganizationId, ApiKeyScope.ReadOnly);
        const string both = "query($id: ID!) { node(id: $id) { ... on Event { orders { totalCount } attendees { totalCount } } } }";

        foreach (var token in new[] { manager, readKey })
        {
            var node = (await DataAsync(both, new { id = s.Event.EventId }, token)).GetProperty("node");
            Assert.Equal((4, 4), (node.GetProperty("orders").GetProperty("totalCount").GetInt32(), node.GetProperty("attendees").GetProperty("totalCount").GetInt32()));
        }
        foreach (var token in new[] { s.Event.ScannerToken, other.Token, s.Alice.Token })
        {
            var node = (await DataAsync(both, new { id = s.Event.EventId }, token)).GetProperty("node");
            Assert.Equal(JsonValueKind.Null, node.GetProperty("orders").ValueKind);
            Assert.Equal(JsonValueKind.Null, node.GetProperty("attendees").ValueKind);
        }
        var anonymous = (await DataAsync(both, new { id = s.Event.EventId }, null)).GetProperty("node");
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("orders").ValueKind);

        // Ticket.order: the buyer (in their wallet) and the organization's managers; not the holder who was given the
        // ticket, not the door staff (who can read the ticket itself, and its first admission).
        const string ticketQuery = "query($id: ID!) { node(id: $id) { ... on Ticket { id checkedInAt order { number } } } }";
        var gate = await Api.CreateListAsync(s.Event, "Main");
        // The friend's token (the transfer made Bob's copy void).
        var friendsToken = (await DataAsync("{ me { tickets { nodes { token } } } }", new { }, s.Friend.Token))
            .GetProperty("me").GetProperty("tickets").GetProperty("nodes")[0].GetProperty("token").GetString()!;
        Assert.Equal("OK", await Api.ResultAsync(friendsToken, gate, s.Event.ScannerToken, "Porte 1 · phone"));
        var given = new { id = s.Tickets[2].Id };
        Assert.Equal(s.Paid[1], (await DataAsync(ticketQuery, given, manager)).GetProperty("node").GetProperty("order").GetProperty("number").GetString());
        var asScanner = (await DataAsync(ticketQuery, given, s.Event.ScannerToken)).GetProperty("node");
        Assert.Equal(JsonValueKind.Null, asScanner.GetProperty("order").ValueKind);
        Assert.Equal(JsonValueKind.String, asScanner.GetProperty("checkedInAt").ValueKind);
        var asHolder = (await DataAsync(ticketQuery, given, s.Friend.Token)).GetProperty("node");
        Assert.Equal(JsonValueKind.Null, asHolder.GetProperty("order").ValueKind);
        Assert.Equal(JsonValueKind.Null, asHolder.GetProperty("checkedInAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await DataAsync(ticketQuery, given, other.Token)).GetProperty("node").ValueKind);

        const string wallet = "{ me { tickets { nodes { id checkedInAt order { number } } } } }";
        var mine = (await DataAsync(wallet, new { }, s.Bob.Token)).GetProperty("me").GetProperty("tickets").GetProperty("nodes");
        var kept = Assert.Single(mine.EnumerateArray());
        Assert.Equal(s.Paid[1], kept.GetProperty("order").GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("checkedInAt").ValueKind);
    }

    [Fact]
    public async Task OrdersPerMinute_counts_paid_orders_per_minute_with_zeros_ending_now()
    {
        var s = await SalesAsync("Per minute");
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            // The first order was paid 30 minutes ago, the second 2 hours ago (outside the hour).
            var now = DateTimeOffset.UtcNow;
            await db.Orders.Where(o => o.Number == s.Paid[0]).ExecuteUpdateAsync(u => u.SetProperty(o => o.PaidAt, now.AddMinutes(-30)));
            await db.Orders.Where(o => o.Number == s.Paid[1]).ExecuteUpdateAsync(u => u.SetProperty(o => o.PaidAt, now.AddHours(-2)));
        }
        Dictionary<string, DateTimeOffset> paidAt;
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            paidAt = await db.Orders.Where(o => s.Paid.Contains(o.Number)).ToDictionaryAsync(o => o.Number, o => o.PaidAt!.Value);
        }
        static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        const string query = """
            query($id: ID!, $minutes: Int!) { node(id: $id) { ... on Event { stats {
              ordersPerMinute(minutes: $minutes) { minute orders tickets gross { minorUnits currency } } } } } }
            """;

        var before = Floor(DateTimeOffset.UtcNow);
        var hour = (await DataAsync(query, new { id = s.Event.EventId, minutes = 60 }, s.Event.Organizer.Token))
            .GetProperty("node").GetProperty("stats").GetProperty("ordersPerMinute").EnumerateArray().ToList();
        var after = Floor(DateTimeOffset.UtcNow);
        Assert.Equal(60, hour.Count);
        var minutes = hour.Select(m => m.GetProperty("minute").GetDateTimeOffset()).ToList();
        Assert.InRange(minutes[^1], before, after);
        Assert.All(minutes.Zip(minutes.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second - pair.First));
        Assert.All(minutes, m => Assert.Equal(0, m.Second));

        var busy = hour.Where(m => m.GetProperty("orders").GetInt32() > 0).ToList();
        Assert.Equal(2, busy.Count);
        var thirty = busy.Single(m => m.GetProperty("minute").GetDateTimeOffset() == Floor(paidAt[s.Paid[0]]));
        Assert.Equal((1, 1, 50_000L, "TND"), (thirty.GetProperty("orders").GetInt32(), thirty.GetProperty("tickets").GetInt32(),
            thirty.GetProperty("gross").GetProperty("minorUnits").GetInt64(), thirty.GetProperty("gross").GetProperty("currency").GetString()));
        var recent = busy.Single(m => m.GetProperty("minute").GetDateTimeOffset() == Floor(paidAt[s.Paid[2]]));
        Assert.Equal((1, 1, 50_000L), (recent.GetProperty("orders").GetInt32(), recent.GetProperty("tickets").GetInt32(), recent.GetProperty("gross").GetProperty("minorUnits").GetInt64()));

        // A day includes the order of two hours ago (2 VIP tickets at 120 TND); one minute is the current one only.
        var day = (await DataAsync(query, new { id = s.Event.EventId, minutes = 1440 }, s.Event.Organizer.Token))
            .GetProperty("node").GetProperty("stats").GetProperty("ordersPerMinute").EnumerateArray().ToList();
        Assert.Equal(1440, day.Count);
        Assert.Equal(3, day.Sum(m => m.GetProperty("orders").GetInt32()));
        Assert.Equal(4, day.Sum(m => m.GetProperty("tickets").GetInt32()));
        Assert.Equal(340_000L, day.Sum(m => m.GetProperty("gross").GetProperty("minorUnits").GetInt64()));
        var one = (await DataAsync(query, new { id = s.Event.EventId, minutes = 1 }, s.Event.Organizer.Token))
            .GetProperty("node").GetProperty("stats").GetProperty("ordersPerMinute");
        Assert.Equal(1, one.GetArrayLength());

        foreach (var wrong in new[] { 0, 1441 })
        {
            var refused = await Catalog.PostAsync(query, new { id = s.Event.EventId, minutes = wrong }, s.Event.Organizer.Token);
            Assert.Equal("BAD_USER_INPUT", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
        // Stats stay the organization's (null for others).
        var stranger = await DataAsync(query, new { id = s.Event.EventId, minutes = 5 }, s.Alice.Token);
        Assert.Equal(JsonValueKind.Null, stranger.GetProperty("node").GetProperty("stats").ValueKind);
    }

    [Fact]
    public async Task CheckInsByGate_groups_admissions_by_the_gate_named_in_the_device_id()
    {
        var e = await Api.OnSaleEventAsync("Gates");
        var buyer = await Api.BuyerAsync();
        var (_, tickets) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 5);
        var main = await Api.CreateListAsync(e, "Main");
        Assert.Equal("OK", await Api.ResultAsync(tickets[0].Token, main, e.ScannerToken, "Porte 1 · phone-a"));
        Assert.Equal("OK", await Api.ResultAsync(tickets[1].Token, main, e.ScannerToken, "Porte 1 · phone-b"));
        Assert.Equal("OK", await Api.ResultAsync(tickets[2].Token, main, e.ScannerToken, "cli-laptop"));
        // Scanned ten minutes ago (a device that was offline): counted, but not in the last five minutes.
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-10);
        var late = await Catalog.MutateAsync("checkIn", new { token = tickets[3].Token, listId = main, deviceId = "Porte 2 · tablet", scannedAt = earlier },
            e.ScannerToken, TicketingApi.ScanSelection);
        Assert.Equal("OK", late.GetProperty("result").GetString());
        // Refused scans are not admissions.
        Assert.Equal("ALREADY_CHECKED_IN", await Api.ResultAsync(tickets[0].Token, main, e.ScannerToken, "Porte 2 · tablet"));

        const string query = """
            query($id: ID!) { node(id: $id) { ... on Event { stats { checkInsByGate { gate checkedIn lastFiveMinutes perMinute lastAdmissionAt } } } } }
            """;
        foreach (var token in new[] { e.Organizer.Token, e.ScannerToken })
        {
            var gates = (await DataAsync(query, new { id = e.EventId }, token)).GetProperty("node").GetProperty("stats").GetProperty("checkInsByGate")
                .EnumerateArray().ToList();
            Assert.Equal(["Porte 1", "Porte 2", null], gates.Select(g => g.GetProperty("gate").GetString()));
            Assert.Equal([2, 1, 1], gates.Select(g => g.GetProperty("checkedIn").GetInt32()));
            Assert.Equal([2, 0, 1], gates.Select(g => g.GetProperty("lastFiveMinutes").GetInt32()));
            Assert.Equal([0.4, 0, 0.2], gates.Select(g => g.GetProperty("perMinute").GetDouble()));
            Assert.InRange((gates[1].GetProperty("lastAdmissionAt").GetDateTimeOffset() - earlier).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }
        var none = await Api.OnSaleEventAsync("No gates");
        var empty = (await DataAsync(query, new { id = none.EventId }, none.Organizer.Token)).GetProperty("node").GetProperty("stats").GetProperty("checkInsByGate");
        Assert.Equal(0, empty.GetArrayLength());
    }

    [Fact]
    public async Task Scanners_read_their_events_lists_and_key_through_their_memberships_and_tokenEventId_matches_the_tokens()
    {
        var e = await Api.OnSaleEventAsync("Door staff");
        var gate = await Api.CreateListAsync(e, "Porte nord");
        var buyer = await Api.BuyerAsync();
        var (_, tickets) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        const string query = """
            { me { memberships { role organization { id name events(status: [PUBLISHED]) { nodes {
              id title startsAt checkInLists { id name } ticketPublicKey { publicKeyBase64Url tokenEventId } } } } } } }
            """;

        var membership = Assert.Single((await DataAsync(query, new { }, e.ScannerToken)).GetProperty("me").GetProperty("memberships").EnumerateArray());
        Assert.Equal("SCANNER", membership.GetProperty("role").GetString());
        var ev = Assert.Single(membership.GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray());
        Assert.Equal(e.EventId, ev.GetProperty("id").GetString());
        Assert.Equal("Door staff night", ev.GetProperty("title").GetString());
        Assert.Equal(gate, Assert.Single(ev.GetProperty("checkInLists").EnumerateArray()).GetProperty("id").GetString());
        var key = ev.GetProperty("ticketPublicKey");
        Assert.False(string.IsNullOrEmpty(key.GetProperty("publicKeyBase64Url").GetString()));

        // The token's payload: format byte, then the event id's 16 bytes: what tokenEventId spells.
        var tokenEventId = key.GetProperty("tokenEventId").GetString()!;
        var payload = Base64Url.DecodeFromChars(tickets[0].Token.Split('.')[1]);
        Assert.Equal(Base64Url.EncodeToString(payload.AsSpan(1, 16)), tokenEventId);
        Assert.Equal(22, tokenEventId.Length);
        Assert.Equal(CatalogApi.Key(e.EventId), new Guid(payload.AsSpan(1, 16), bigEndian: true));

        // Another organization's event: no key.
        var other = await Api.OnSaleEventAsync("Elsewhere");
        var foreign = await DataAsync("query($id: ID!) { node(id: $id) { ... on Event { ticketPublicKey { tokenEventId } } } }", new { id = other.EventId }, e.ScannerToken);
        Assert.Equal(JsonValueKind.Null, foreign.GetProperty("node").GetProperty("ticketPublicKey").ValueKind);
    }

    [Fact]
    public async Task PaymentOptions_lists_the_development_provider_outside_Production_without_Stripe()
    {
        var options = (await DataAsync("{ paymentOptions { providers stripePublishableKey } }", new { }, null)).GetProperty("paymentOptions");
        Assert.Equal(["DEVELOPMENT"], options.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, options.GetProperty("stripePublishableKey").ValueKind);
    }

    [Fact]
    public async Task SalesChanged_carries_net_orders_paid_and_the_last_hour_per_minute()
    {
        var e = await Api.OnSaleEventAsync("Live sales");
        var buyer = await Api.BuyerAsync();
        await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        var query = $$"""
            subscription { salesChanged(eventId: "{{e.EventId}}") { ticketsSold ordersPaid net { minorUnits } gross { minorUnits }
              ordersLastHour { minute orders tickets gross { minorUnits } } } }
            """;
        await using var ws = await ConnectAsync(Api.App.KestrelAddress, e.Organizer.Token);
        await ws.SubscribeAsync("s", query);
        var initial = await NextDataAsync(ws, "s", "salesChanged");
        Assert.Equal(1, initial.GetProperty("ordersPaid").GetInt32());
        Assert.Equal(48_000, initial.GetProperty("net").GetProperty("minorUnits").GetInt64());
        Assert.Equal(60, initial.GetProperty("ordersLastHour").GetArrayLength());
        Assert.Equal(1, initial.GetProperty("ordersLastHour").EnumerateArray().Sum(m => m.GetProperty("orders").GetInt32()));

        await Api.BuyAsync(buyer, e.EventId, e.VipTypeId, 2);
        var (sold, _) = await UntilAsync(ws, "s", "salesChanged", s => s.GetProperty("ordersPaid").GetInt32() == 2);
        Assert.Equal(3, sold.GetProperty("ticketsSold").GetInt32());
        // 50 + 240 TND, less 4 %.
        Assert.Equal(290_000 - 11_600, sold.GetProperty("net").GetProperty("minorUnits").GetInt64());
        var lastHour = sold.GetProperty("ordersLastHour").EnumerateArray().ToList();
        Assert.Equal(60, lastHour.Count);
        Assert.Equal((2, 3, 290_000L), (lastHour.Sum(m => m.GetProperty("orders").GetInt32()), lastHour.Sum(m => m.GetProperty("tickets").GetInt32()),
            lastHour.Sum(m => m.GetProperty("gross").GetProperty("minorUnits").GetInt64())));
        // Ends with the current minute.
        Assert.InRange(DateTimeOffset.UtcNow - lastHour[^1].GetProperty("minute").GetDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task The_live_last_hour_reads_settled_minutes_once_and_keeps_the_last_two_minutes_live()
    {
        var e = await Api.OnSaleEventAsync("Last hour");
        var buyer = await Api.BuyerAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add((await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, i + 1)).OrderNumber);
        }
        var eventId = CatalogApi.Key(e.EventId);
        // A fixed instant two days ahead: no flush of the running server reads this window.
        var now = DateTimeOffset.UtcNow.AddDays(2);
        var t = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddSeconds(30);
        async Task PayAtAsync(string number, DateTimeOffset paidAt)
        {
            await using var db = await Catalog.Contexts.CreateDbContextAsync();
            await db.Orders.Where(o => o.Number == number).ExecuteUpdateAsync(u => u.SetProperty(o => o.PaidAt, paidAt));
        }
        async Task<List<(int Orders, int Tickets)>> LastHourAsync(DateTimeOffset at)
        {
            await using var db = await Catalog.Contexts.CreateDbContextAsync();
            var snapshot = Assert.Single(await Tickr.Graph.Live.LiveUpdates.ReadSalesAsync(db, [eventId], at, CancellationToken.None));
            Assert.Equal(60, snapshot.LastHour!.Count);
            Assert.Equal(new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero), snapshot.LastHour[^1].Minute);
            return [.. snapshot.LastHour.Select(m => (m.Orders, m.Tickets))];
        }
        await PayAtAsync(numbers[0], t.AddMinutes(-30));
        await PayAtAsync(numbers[1], t.AddMinutes(-1));
        await PayAtAsync(numbers[2], t.AddDays(-5));
        await PayAtAsync(numbers[3], t.AddDays(-5));

        var first = await LastHourAsync(t);
        Assert.Equal((1, 1), first[59 - 30]);
        Assert.Equal((1, 2), first[58]);
        Assert.Equal(2, first.Sum(m => m.Orders));

        // Read again (the settled minutes from memory): a payment in the current minute and one committed late into the
        // previous minute both count.
        await PayAtAsync(numbers[2], t.AddSeconds(10));
        await PayAtAsync(numbers[3], t.AddMinutes(-1).AddSeconds(29));
        var second = await LastHourAsync(t.AddSeconds(20));
        Assert.Equal((1, 1), second[29]);
        Assert.Equal((2, 6), second[58]);
        Assert.Equal((1, 3), second[59]);

        // The minute turns: the window moves by one.
        var third = await LastHourAsync(t.AddMinutes(1));
        Assert.Equal(second.Skip(1).Append((0, 0)), third);
    }

    [Fact]
    public async Task CheckInsChanged_carries_admissions_by_gate()
    {
        var e = await Api.OnSaleEventAsync("Live gates");
        var buyer = await Api.BuyerAsync();
        var (_, tickets) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 3);
        var main = await Api.CreateListAsync(e, "Main");
        Assert.Equal("OK", await Api.ResultAsync(tickets[0].Token, main, e.ScannerToken, "Porte 1 · a"));
        var query = $$"""
            subscription { checkInsChanged(eventId: "{{e.EventId}}") { checkedIn byGate { gate checkedIn lastFiveMinutes perMinute lastAdmissionAt } } }
            """;
        await using var ws = await ConnectAsync(Api.App.KestrelAddress, e.ScannerToken);
        await ws.SubscribeAsync("c", query);
        var initial = await NextDataAsync(ws, "c", "checkInsChanged");
        var gate = Assert.Single(initial.GetProperty("byGate").EnumerateArray());
        Assert.Equal(("Porte 1", 1, 1), (gate.GetProperty("gate").GetString(), gate.GetProperty("checkedIn").GetInt32(), gate.GetProperty("lastFiveMinutes").GetInt32()));

        Assert.Equal("OK", await Api.ResultAsync(tickets[1].Token, main, e.ScannerToken, "Porte 2 · b"));
        Assert.Equal("OK", await Api.ResultAsync(tickets[2].Token, main, e.ScannerToken, "device-without-gate"));
        var (update, _) = await UntilAsync(ws, "c", "checkInsChanged", c => c.GetProperty("checkedIn").GetInt32() == 3);
        var gates = update.GetProperty("byGate").EnumerateArray().ToList();
        Assert.Equal(["Porte 1", "Porte 2", null], gates.Select(g => g.GetProperty("gate").GetString()));
        Assert.Equal([1, 1, 1], gates.Select(g => g.GetProperty("checkedIn").GetInt32()));
        Assert.All(gates, g => Assert.Equal(0.2, g.GetProperty("perMinute").GetDouble()));
    }
}
