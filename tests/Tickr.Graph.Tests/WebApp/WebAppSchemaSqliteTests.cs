using System.Text.Json;
using Tickr.Data;
using Tickr.Graph.Tests.Catalog;
using Tickr.Graph.Tests.TestHost;
using Tickr.Graph.Tests.Ticketing;

namespace Tickr.Graph.Tests.WebApp;

/// <summary>
/// The web app's queries on the embedded SQLite database (what a fresh <c>dotnet run</c> uses): orders and attendees
/// with search, per-minute sales and per-gate admissions; and the payment options with Stripe configured.
/// </summary>
public sealed class WebAppSchemaSqliteTests : IAsyncLifetime
{
    private TicketingApi _api = null!;

    private CatalogApi Catalog => _api.Catalog;

    public Task InitializeAsync()
    {
        var app = new TickrAppFactory()
            .WithSetting("Tickr:Payments:Stripe:SecretKey", "sk_test_web_app")
            .WithSetting("Tickr:Payments:Stripe:PublishableKey", "pk_test_web_app");
        _api = new TicketingApi(new CatalogApi(app), app);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Catalog.DisposeAsync();

    private async Task<JsonElement> DataAsync(string query, object variables, string? token)
    {
        var body = await Catalog.PostAsync(query, variables, token);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    [Fact]
    public async Task Orders_attendees_per_minute_sales_and_gates_work_on_SQLite()
    {
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(DatabaseProvider.Sqlite, db.Provider);
        }
        var e = await _api.OnSaleEventAsync("Embedded");
        var alice = await _api.BuyerAsync($"Alice-{Guid.NewGuid():N}@tests.tickr.tn".ToLowerInvariant());
        var bob = await _api.BuyerAsync();
        var (aliceOrder, aliceTickets) = await _api.BuyAsync(alice, e.EventId, e.RegularTypeId, 2);
        var (bobOrder, bobTickets) = await _api.BuyAsync(bob, e.EventId, e.VipTypeId);
        var main = await _api.CreateListAsync(e, "Main");
        Assert.Equal("OK", await _api.ResultAsync(aliceTickets[0].Token, main, e.ScannerToken, "Porte 1 · a"));
        Assert.Equal("OK", await _api.ResultAsync(bobTickets[0].Token, main, e.ScannerToken, "handheld"));

        const string query = """
            query($id: ID!, $search: String) { node(id: $id) { ... on Event {
              orders(search: $search, status: [PAID]) { totalCount nodes { number } }
              attendees(search: $search, first: 2) { totalCount pageInfo { hasNextPage } nodes { id checkedInAt order { number } } }
              stats { ordersPerMinute(minutes: 10) { orders tickets gross { minorUnits } } checkInsByGate { gate checkedIn lastFiveMinutes } }
            } } }
            """;
        var all = (await DataAsync(query, new { id = e.EventId }, e.Organizer.Token)).GetProperty("node");
        Assert.Equal([bobOrder, aliceOrder], all.GetProperty("orders").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("number").GetString()));
        var attendees = all.GetProperty("attendees");
        Assert.Equal(3, attendees.GetProperty("totalCount").GetInt32());
        Assert.True(attendees.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(aliceTickets.Select(t => t.Id), attendees.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.String, attendees.GetProperty("nodes")[0].GetProperty("checkedInAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, attendees.GetProperty("nodes")[1].GetProperty("checkedInAt").ValueKind);
        Assert.Equal(aliceOrder, attendees.GetProperty("nodes")[1].GetProperty("order").GetProperty("number").GetString());

        var minutes = all.GetProperty("stats").GetProperty("ordersPerMinute").EnumerateArray().ToList();
        Assert.Equal(10, minutes.Count);
        Assert.Equal((2, 3, 220_000L), (minutes.Sum(m => m.GetProperty("orders").GetInt32()), minutes.Sum(m => m.GetProperty("tickets").GetInt32()),
            minutes.Sum(m => m.GetProperty("gross").GetProperty("minorUnits").GetInt64())));
        var gates = all.GetProperty("stats").GetProperty("checkInsByGate").EnumerateArray().ToList();
        Assert.Equal(["Porte 1", null], gates.Select(g => g.GetProperty("gate").GetString()));
        Assert.Equal([1, 1], gates.Select(g => g.GetProperty("lastFiveMinutes").GetInt32()));

        // The live sales message's last hour: a first read (the whole hour), then the cached minutes and the live ones.
        await using (var db = await Catalog.Contexts.CreateDbContextAsync())
        {
            var id = CatalogApi.Key(e.EventId);
            foreach (var at in new[] { DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(1) })
            {
                var sales = Assert.Single(await Tickr.Graph.Live.LiveUpdates.ReadSalesAsync(db, [id], at, CancellationToken.None));
                Assert.Equal(60, sales.LastHour!.Count);
                Assert.Equal((2, 2, 3), (sales.OrdersPaid, sales.LastHour.Sum(m => m.Orders), sales.LastHour.Sum(m => m.Tickets)));
            }
        }

        var searched = (await DataAsync(query, new { id = e.EventId, search = alice.Email.ToUpperInvariant()[..12] }, e.Organizer.Token)).GetProperty("node");
        Assert.Equal([aliceOrder], searched.GetProperty("orders").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("number").GetString()));
        Assert.Equal(2, searched.GetProperty("attendees").GetProperty("totalCount").GetInt32());
        var byNumber = (await DataAsync(query, new { id = e.EventId, search = bobOrder.ToLowerInvariant() }, e.Organizer.Token)).GetProperty("node");
        Assert.Equal(bobTickets[0].Id, Assert.Single(byNumber.GetProperty("attendees").GetProperty("nodes").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task PaymentOptions_include_Stripe_and_its_publishable_key_when_Stripe_is_configured()
    {
        var options = (await DataAsync("{ paymentOptions { providers stripePublishableKey } }", new { }, null)).GetProperty("paymentOptions");
        Assert.Equal(["DEVELOPMENT", "STRIPE"], options.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("pk_test_web_app", options.GetProperty("stripePublishableKey").GetString());
    }
}
