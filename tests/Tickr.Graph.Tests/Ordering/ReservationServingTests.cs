using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Graph.Ordering;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Tickr.Testing;
using static Tickr.Graph.Tests.Ordering.SellingApi;

namespace Tickr.Graph.Tests.Ordering;

/// <summary>
/// How the server serves reservations under load, over HTTP on PostgreSQL: the sale rules it keeps in memory follow
/// the organizer's edits at once, and the admission limit queues reservations and answers SERVICE_BUSY when one waited
/// too long.
/// </summary>
public sealed class ReservationServingTests(TickrPostgres database) : IClassFixture<TickrPostgres>
{
    private CatalogApi Api(params (string Key, string Value)[] settings)
    {
        var app = new TickrAppFactory().WithSetting("ConnectionStrings:Tickr", database.ConnectionString);
        foreach (var (key, value) in settings)
        {
            app.WithSetting(key, value);
        }
        return new CatalogApi(app);
    }

    [Fact]
    public async Task A_reservation_right_after_updateTicketType_uses_the_new_price_and_sales_window()
    {
        await using var api = Api();
        var organizer = await api.OrganizerAsync("Oasis Prod");
        var (eventId, typeId) = await OnSaleEventAsync(api, organizer, price: 50_000, capacity: 100);
        var buyer = await api.ParticipantAsync();
        var first = await ReserveOkAsync(api, buyer.Token, eventId, typeId, 1);
        Assert.Equal(50_000, UnitPrice(first));

        await api.SucceedAsync("updateTicketType", new { ticketTypeId = typeId, price = new { currency = "TND", amount = 65 } }, organizer.Token, "ticketType { id }");
        var second = await ReserveOkAsync(api, buyer.Token, eventId, typeId, 1);
        Assert.Equal(65_000, UnitPrice(second));

        await api.SucceedAsync("updateTicketType", new { ticketTypeId = typeId, salesStartAt = CatalogApi.InDays(3) }, organizer.Token, "ticketType { id }");
        var refused = await ReserveAsync(api, buyer.Token, eventId, [new { ticketTypeId = typeId, quantity = 1 }]);
        var error = CatalogApi.SingleError(refused, "SalesClosedError");
        Assert.Equal("SALES_CLOSED", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_reservation_that_waits_too_long_for_its_turn_gets_SERVICE_BUSY_and_reserves_nothing()
    {
        await using var api = Api(("Tickr:Selling:MaxConcurrentReservations", "1"), ("Tickr:Selling:ReservationQueueTimeout", "00:00:00.300"));
        var organizer = await api.OrganizerAsync("Queue Prod");
        var (eventId, typeId) = await OnSaleEventAsync(api, organizer, capacity: 10);
        var buyer = await api.ParticipantAsync();
        var gate = api.App.Services.GetRequiredService<ReservationGate>();
        Assert.Equal(1, gate.Capacity);

        using (var taken = await gate.EnterAsync(default))
        {
            Assert.NotNull(taken);
            var body = await api.PostAsync(
                CatalogApi.Mutation("reserveTickets", $"{OrderSelection} {ErrorSelection}"),
                new { input = new { eventId, items = new[] { new { ticketTypeId = typeId, quantity = 2 } } } },
                buyer.Token);
            var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
            Assert.Equal("SERVICE_BUSY", error.GetProperty("extensions").GetProperty("code").GetString());
        }
        Assert.Equal((10, 0, 0), await CountsAsync(api, organizer, typeId));

        // Once the turn is free, the same request goes through; the gate is released after it.
        await ReserveOkAsync(api, buyer.Token, eventId, typeId, 2);
        Assert.Equal(0, gate.InProgress);
        Assert.Equal((8, 0, 2), await CountsAsync(api, organizer, typeId));
    }

    [Fact]
    public async Task Queued_reservations_all_get_an_answer_in_turn()
    {
        await using var api = Api(("Tickr:Selling:MaxConcurrentReservations", "2"));
        var organizer = await api.OrganizerAsync("Burst Prod");
        var (eventId, typeId) = await OnSaleEventAsync(api, organizer, capacity: 12);
        var buyers = new List<(Guid Id, string Email, string Token)>();
        for (var i = 0; i < 20; i++)
        {
            buyers.Add(await api.ParticipantAsync());
        }

        var answers = await Task.WhenAll(buyers.Select(b => ReserveAsync(api, b.Token, eventId, [new { ticketTypeId = typeId, quantity = 1 }])));

        Assert.Equal(12, answers.Count(a => a.GetProperty("errors").GetArrayLength() == 0));
        Assert.All(answers.Where(a => a.GetProperty("errors").GetArrayLength() > 0),
            a => Assert.Equal("SOLD_OUT", a.GetProperty("errors")[0].GetProperty("code").GetString()));
        Assert.Equal((0, 0, 12), await CountsAsync(api, organizer, typeId));
    }

    private static long UnitPrice(JsonElement order) =>
        order.GetProperty("lines")[0].GetProperty("unitPrice").GetProperty("minorUnits").GetInt64();

    private static async Task<(int Remaining, int Sold, int Held)> CountsAsync(CatalogApi api, Organizer organizer, string typeId)
    {
        var body = await api.PostAsync("query($id: ID!) { node(id: $id) { ... on TicketType { remaining sold held } } }", new { id = typeId }, organizer.Token);
        var node = body.GetProperty("data").GetProperty("node");
        return (node.GetProperty("remaining").GetInt32(), node.GetProperty("sold").GetInt32(), node.GetProperty("held").GetInt32());
    }
}
