using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Domain.Identity;
using Tickr.Graph.Live;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.Ordering;
using Tickr.Graph.Tests.TestHost;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using static Tickr.Graph.Tests.Live.LiveSockets;

namespace Tickr.Graph.Tests.Live;

/// <summary>
/// The live subscriptions over a real WebSocket (graphql-transport-ws, Kestrel) on PostgreSQL: inventoryChanged
/// (shared per event), salesChanged (the organization only), orderStatusChanged (the buyer only), driven by real
/// reservations, cancellations and payments through the API.
/// </summary>
/// <remarks>
/// graphql-transport-ws acknowledges no subscribe, and inventoryChanged and orderStatusChanged send nothing until
/// something changes: before acting, a test publishes probe messages (the current snapshot or status, which every
/// subscriber may see at any time) until one arrives, so the subscription is known to be live.
/// </remarks>
public sealed class LiveSubscriptionTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private const string InventorySelection = "eventId at ticketTypes { ticketTypeId remaining sold held }";

    private CatalogApi _api = null!;
    private Uri _server = null!;

    private LiveUpdates Live => _api.App.Services.GetRequiredService<LiveUpdates>();

    public Task InitializeAsync()
    {
        var app = new TickrAppFactory().WithSetting("ConnectionStrings:Tickr", database.ConnectionString).WithKestrel();
        _api = new CatalogApi(app);
        _server = app.KestrelAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string InventoryQuery(string eventId) =>
        $$"""subscription { inventoryChanged(eventId: "{{eventId}}") { {{InventorySelection}} } }""";

    /// <summary>Publishes the event's current inventory until <paramref name="sockets"/> have each received one.</summary>
    private async Task ProbeInventoryAsync(string eventId, params WsClient[] sockets)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            Live.InventoryChanged(CatalogApi.Key(eventId));
            await Live.FlushAsync();
            var arrived = await Task.WhenAll(sockets.Select(s => s.HasMessageWithinAsync(TimeSpan.FromMilliseconds(200))));
            if (arrived.All(a => a))
            {
                foreach (var socket in sockets)
                {
                    await NextDataAsync(socket, "inv", "inventoryChanged");
                }
                return;
            }
        }
        throw new TimeoutException("The inventory subscription never delivered a probe.");
    }

    private static JsonElement Type(JsonElement update, string typeId) =>
        update.GetProperty("ticketTypes").EnumerateArray().Single(t => t.GetProperty("ticketTypeId").GetString() == typeId);

    private static Func<JsonElement, bool> Counts(string typeId, int remaining, int sold, int held) => update =>
    {
        var t = Type(update, typeId);
        return t.GetProperty("remaining").GetInt32() == remaining && t.GetProperty("sold").GetInt32() == sold && t.GetProperty("held").GetInt32() == held;
    };

    [Fact]
    public async Task InventoryChanged_follows_a_reservation_its_cancellation_and_a_payment()
    {
        var organizer = await _api.OrganizerAsync("Live Org");
        var (eventId, typeId) = await SellingApi.OnSaleEventAsync(_api, organizer, capacity: 10);
        var buyer = await _api.ParticipantAsync();
        // A published event: anyone may follow it, signed in or not.
        await using var ws = await ConnectAsync(_server, null);
        await ws.SubscribeAsync("inv", InventoryQuery(eventId));
        await ProbeInventoryAsync(eventId, ws);

        var order = await SellingApi.ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        var (reserved, _) = await UntilAsync(ws, "inv", "inventoryChanged", Counts(typeId, 8, 0, 2));
        Assert.Equal(eventId, reserved.GetProperty("eventId").GetString());

        await _api.SucceedAsync("cancelOrder", new { orderId = order.GetProperty("id").GetString() }, buyer.Token, "order { status }");
        await UntilAsync(ws, "inv", "inventoryChanged", Counts(typeId, 10, 0, 0));

        var paid = await SellingApi.ReserveOkAsync(_api, buyer.Token, eventId, typeId, 3);
        await UntilAsync(ws, "inv", "inventoryChanged", Counts(typeId, 7, 0, 3));
        var checkout = await SellingApi.CheckoutAsync(_api, buyer.Token, paid.GetProperty("id").GetString()!, "DEVELOPMENT");
        Assert.Equal("PAID", checkout.GetProperty("order").GetProperty("status").GetString());
        await UntilAsync(ws, "inv", "inventoryChanged", Counts(typeId, 7, 3, 0));
    }

    [Fact]
    public async Task Two_subscribers_of_one_event_get_identical_payloads_from_one_shared_execution()
    {
        var organizer = await _api.OrganizerAsync("Shared Org");
        var (eventId, typeId) = await SellingApi.OnSaleEventAsync(_api, organizer, capacity: 20);
        var buyer = await _api.ParticipantAsync();
        var registry = _api.App.Services.GetRequiredService<GraphQLRequestPipeline>().SharedSubscriptions!;
        // Other tests' groups end when their sockets close.
        await Wait.UntilAsync(() => Task.FromResult(registry.GroupCount == 0), "earlier shared groups to end");
        var executedBefore = registry.ExecutedEventsOfEndedGroups;

        // One anonymous subscriber and one signed-in participant: the same operation, hence one group.
        await using var first = await ConnectAsync(_server, null);
        await using var second = await ConnectAsync(_server, buyer.Token);
        await first.SubscribeAsync("inv", InventoryQuery(eventId));
        await second.SubscribeAsync("inv", InventoryQuery(eventId));
        await Wait.UntilAsync(() => Task.FromResult(registry.SubscriberCount == 2), "both subscribers to join");
        Assert.Equal(1, registry.GroupCount);
        await ProbeInventoryAsync(eventId, first, second);

        await SellingApi.ReserveOkAsync(_api, buyer.Token, eventId, typeId, 4);
        var (a, readA) = await UntilAsync(first, "inv", "inventoryChanged", Counts(typeId, 16, 0, 4));
        var (b, readB) = await UntilAsync(second, "inv", "inventoryChanged", Counts(typeId, 16, 0, 4));
        // Identical to the byte: one execution serialized once (same read time, same ids, same order).
        Assert.Equal(a.GetRawText(), b.GetRawText());
        Assert.Equal(readA, readB);

        await first.DisposeAsync();
        await second.DisposeAsync();
        await Wait.UntilAsync(() => Task.FromResult(registry.GroupCount == 0 && registry.SubscriberCount == 0), "the group to end");
        // Each event the two received was executed once for both (probes included).
        var received = 1 + readA;
        Assert.InRange(registry.ExecutedEventsOfEndedGroups - executedBefore, received, received + 1);
    }

    [Fact]
    public async Task A_storm_of_subscribers_to_one_event_reads_the_event_once_and_every_one_is_served()
    {
        // 10,000 subscribers arriving within seconds (the fan-out benchmark) used to make 10,000 reads of the event at
        // once: the connection pool ran dry and every subscriber got INTERNAL_SERVER_ERROR.
        var organizer = await _api.OrganizerAsync("Storm Org");
        var (eventId, _) = await SellingApi.OnSaleEventAsync(_api, organizer, capacity: 10);
        var directory = _api.App.Services.GetRequiredService<LiveEventDirectory>();
        var registry = _api.App.Services.GetRequiredService<GraphQLRequestPipeline>().SharedSubscriptions!;
        await Wait.UntilAsync(() => Task.FromResult(registry.SubscriberCount == 0), "earlier subscribers to leave");
        var readsBefore = directory.ReadCount;
        var sockets = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => ConnectAsync(_server, null)));
        try
        {
            await Task.WhenAll(sockets.Select(s => s.SubscribeAsync("inv", InventoryQuery(eventId))));
            await Wait.UntilAsync(() => Task.FromResult(registry.SubscriberCount == sockets.Length), "every subscriber to join");
            Assert.Equal(1, directory.ReadCount - readsBefore);
            Assert.Equal(1, registry.GroupCount);
            await ProbeInventoryAsync(eventId, sockets);
            Assert.Equal(1, directory.ReadCount - readsBefore);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_draft_events_inventory_is_refused_to_outsiders_and_delivered_to_its_organization()
    {
        var organizer = await _api.OrganizerAsync("Draft Live Org");
        var draft = await _api.CreateEventAsync(organizer, "Brouillon live");
        var typeId = await _api.AddTicketTypeAsync(organizer, draft, capacity: 5);
        var outsider = await _api.ParticipantAsync();

        await using (var anonymous = await ConnectAsync(_server, null))
        {
            await anonymous.SubscribeAsync("inv", InventoryQuery(draft));
            var (code, message) = await RefusalAsync(anonymous, "inv");
            Assert.Equal("BAD_USER_INPUT", code);
            Assert.Equal("No event with this id.", message);
        }
        await using (var stranger = await ConnectAsync(_server, outsider.Token))
        {
            await stranger.SubscribeAsync("inv", InventoryQuery(draft));
            var (code, message) = await RefusalAsync(stranger, "inv");
            Assert.Equal("BAD_USER_INPUT", code);
            Assert.Equal("No event with this id.", message);
        }

        // The organization's own member starts the group: its execution (without the member's HTTP context) still
        // sees the draft.
        var manager = await _api.MemberAsync(organizer, OrganizationRole.Manager);
        await using var member = await ConnectAsync(_server, manager);
        await member.SubscribeAsync("inv", InventoryQuery(draft));
        await ProbeInventoryAsync(draft, member);
        // …and an outsider arriving while that group is live is still refused (their own check runs).
        await using var late = await ConnectAsync(_server, outsider.Token);
        await late.SubscribeAsync("inv", InventoryQuery(draft));
        Assert.Equal("BAD_USER_INPUT", (await RefusalAsync(late, "inv")).Code);

        await _api.SucceedAsync("updateTicketType", new { ticketTypeId = typeId, capacity = 7 }, organizer.Token, "ticketType { id }");
        Live.InventoryChanged(CatalogApi.Key(draft));
        await Live.FlushAsync();
        await UntilAsync(member, "inv", "inventoryChanged", Counts(typeId, 7, 0, 0));

        // Drafts are not remembered: once published, the outsider is admitted at once.
        await _api.SucceedAsync("publishEvent", new { eventId = draft }, organizer.Token, "event { status }");
        await using var admitted = await ConnectAsync(_server, outsider.Token);
        await admitted.SubscribeAsync("inv", InventoryQuery(draft));
        await ProbeInventoryAsync(draft, admitted);
    }

    [Fact]
    public async Task SalesChanged_is_the_organizations_only_and_reflects_a_payment()
    {
        var organizer = await _api.OrganizerAsync("Sales Org");
        var (eventId, typeId) = await SellingApi.OnSaleEventAsync(_api, organizer, price: 25_000, capacity: 10);
        var buyer = await _api.ParticipantAsync();
        var query = $$"""subscription { salesChanged(eventId: "{{eventId}}") { eventId ticketsSold gross { minorUnits currency } commission { minorUnits } refunded { minorUnits } } }""";

        await using (var anonymous = await ConnectAsync(_server, null))
        {
            await anonymous.SubscribeAsync("s", query);
            Assert.Equal("UNAUTHENTICATED", (await RefusalAsync(anonymous, "s")).Code);
        }
        await using (var stranger = await ConnectAsync(_server, buyer.Token))
        {
            await stranger.SubscribeAsync("s", query);
            var (code, message) = await RefusalAsync(stranger, "s");
            Assert.Equal("BAD_USER_INPUT", code);
            Assert.Equal("No event with this id in your organizations.", message);
        }

        await using var ws = await ConnectAsync(_server, organizer.Token);
        await ws.SubscribeAsync("s", query);
        // The current totals at once (which also proves the stream is live).
        var initial = await NextDataAsync(ws, "s", "salesChanged");
        Assert.Equal(0, initial.GetProperty("ticketsSold").GetInt32());
        Assert.Equal(0, initial.GetProperty("gross").GetProperty("minorUnits").GetInt64());

        var order = await SellingApi.ReserveOkAsync(_api, buyer.Token, eventId, typeId, 2);
        await SellingApi.CheckoutAsync(_api, buyer.Token, order.GetProperty("id").GetString()!, "DEVELOPMENT");
        var (sold, _) = await UntilAsync(ws, "s", "salesChanged", s => s.GetProperty("ticketsSold").GetInt32() == 2);
        Assert.Equal(50_000, sold.GetProperty("gross").GetProperty("minorUnits").GetInt64());
        Assert.Equal("TND", sold.GetProperty("gross").GetProperty("currency").GetString());
        Assert.Equal(2_000, sold.GetProperty("commission").GetProperty("minorUnits").GetInt64());
        Assert.Equal(0, sold.GetProperty("refunded").GetProperty("minorUnits").GetInt64());
    }

    [Fact]
    public async Task OrderStatusChanged_is_the_buyers_only_and_reports_PAID_after_checkout()
    {
        var organizer = await _api.OrganizerAsync("Status Org");
        var (eventId, typeId) = await SellingApi.OnSaleEventAsync(_api, organizer, capacity: 10);
        var buyer = await _api.ParticipantAsync();
        var other = await _api.ParticipantAsync();
        var order = await SellingApi.ReserveOkAsync(_api, buyer.Token, eventId, typeId, 1);
        var orderId = order.GetProperty("id").GetString()!;
        var query = $$"""subscription { orderStatusChanged(orderId: "{{orderId}}") { orderId status at } }""";

        await using (var anonymous = await ConnectAsync(_server, null))
        {
            await anonymous.SubscribeAsync("o", query);
            Assert.Equal("UNAUTHENTICATED", (await RefusalAsync(anonymous, "o")).Code);
        }
        foreach (var token in new[] { other.Token, organizer.Token })
        {
            await using var stranger = await ConnectAsync(_server, token);
            await stranger.SubscribeAsync("o", query);
            var (code, message) = await RefusalAsync(stranger, "o");
            Assert.Equal("BAD_USER_INPUT", code);
            Assert.Equal("No order with this id among yours.", message);
        }

        await using var ws = await ConnectAsync(_server, buyer.Token);
        await ws.SubscribeAsync("o", query);
        // Probe: the order's current status, published on its topic until it arrives.
        var sender = _api.App.Services.GetRequiredService<ITopicEventSender>();
        var key = CatalogApi.Key(orderId);
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 100, "The order status subscription never delivered a probe.");
            await sender.PublishAsync(LiveTopics.Order(key), new OrderStatusMessage(key, buyer.Id, "RESERVED", DateTimeOffset.UtcNow));
            if (await ws.HasMessageWithinAsync(TimeSpan.FromMilliseconds(200)))
            {
                Assert.Equal("RESERVED", (await NextDataAsync(ws, "o", "orderStatusChanged")).GetProperty("status").GetString());
                break;
            }
        }

        await SellingApi.CheckoutAsync(_api, buyer.Token, orderId, "DEVELOPMENT");
        var paid = await NextDataAsync(ws, "o", "orderStatusChanged");
        Assert.Equal("PAID", paid.GetProperty("status").GetString());
        Assert.Equal(orderId, paid.GetProperty("orderId").GetString());
    }
}
