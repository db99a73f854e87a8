using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tickr.Graph.Tests.Catalog;

namespace Tickr.Graph.Tests.Ticketing;

/// <summary>The organizer's figures (Event.stats) and the attendee CSV, over real HTTP on PostgreSQL.</summary>
public sealed class OrganizerStatsAndExportTests(TicketingServers servers) : IClassFixture<TicketingServers>
{
    private TicketingApi Api => servers.Api;

    private CatalogApi Catalog => servers.Api.Catalog;

    private const string StatsQuery = """
        query($id: ID!) { node(id: $id) { ... on Event { stats {
          capacity sold held remaining ticketsValid
          gross { minorUnits currency } commission { minorUnits } net { minorUnits } refunded { minorUnits }
          byTicketType { name capacity sold remaining ticketsValid ticketsRefunded gross { minorUnits } commission { minorUnits } net { minorUnits } }
          byDay { date ticketsSold gross { minorUnits } commission { minorUnits } net { minorUnits } refunded { minorUnits } }
          checkIns { name checkedIn total rate }
        } } } }
        """;

    private async Task<JsonElement> StatsAsync(string eventId, string token) =>
        (await Catalog.PostAsync(StatsQuery, new { id = eventId }, token)).GetProperty("data").GetProperty("node").GetProperty("stats");

    private static long Minor(JsonElement parent, string field) => parent.GetProperty(field).GetProperty("minorUnits").GetInt64();

    [Fact]
    public async Task Stats_are_exact_to_the_millime_with_the_4_percent_commission()
    {
        var e = await Api.OnSaleEventAsync("Stats");
        var buyer = await Api.BuyerAsync();

        await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        var one = await StatsAsync(e.EventId, e.Organizer.Token);
        // A 50 TND ticket: the participant pays 50, the platform takes 2, the organizer gets 48.
        Assert.Equal((50_000L, 2_000L, 48_000L), (Minor(one, "gross"), Minor(one, "commission"), Minor(one, "net")));
        Assert.Equal("TND", one.GetProperty("gross").GetProperty("currency").GetString());

        var (secondOrder, second) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId);
        var (_, vip) = await Api.BuyAsync(buyer, e.EventId, e.VipTypeId);
        var gate = await Api.CreateListAsync(e, "Main");
        Assert.Equal("OK", await Api.ResultAsync(vip[0].Token, gate, e.ScannerToken));

        // Refund the second regular ticket (the event's policy allows refunds).
        await Catalog.SucceedAsync("updateEvent", new { eventId = e.EventId, refundPolicy = new { refundable = true } }, e.Organizer.Token, "event { id }");
        var orderId = CatalogApi.Gid("Order", await OrderIdAsync(secondOrder));
        await Catalog.SucceedAsync("refundOrder", new { orderId }, e.Organizer.Token, "order { status }");
        Assert.Equal("REVOKED", await Api.ResultAsync(second[0].Token, gate, e.ScannerToken));

        var stats = await StatsAsync(e.EventId, e.ScannerToken);
        Assert.Equal((220, 3, 0, 217, 2), (stats.GetProperty("capacity").GetInt32(), stats.GetProperty("sold").GetInt32(), stats.GetProperty("held").GetInt32(),
            stats.GetProperty("remaining").GetInt32(), stats.GetProperty("ticketsValid").GetInt32()));
        // 50 + 50 + 120 TND; commission 2 + 2 + 4.8; net 48 + 48 + 115.2.
        Assert.Equal((220_000L, 8_800L, 211_200L, 50_000L), (Minor(stats, "gross"), Minor(stats, "commission"), Minor(stats, "net"), Minor(stats, "refunded")));
        var types = stats.GetProperty("byTicketType").EnumerateArray().ToList();
        Assert.Equal(["Regular", "VIP"], types.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal((100_000L, 4_000L, 96_000L, 1, 1), (Minor(types[0], "gross"), Minor(types[0], "commission"), Minor(types[0], "net"),
            types[0].GetProperty("ticketsValid").GetInt32(), types[0].GetProperty("ticketsRefunded").GetInt32()));
        Assert.Equal((120_000L, 4_800L, 115_200L, 19), (Minor(types[1], "gross"), Minor(types[1], "commission"), Minor(types[1], "net"), types[1].GetProperty("remaining").GetInt32()));

        var day = Assert.Single(stats.GetProperty("byDay").EnumerateArray());
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Africa/Tunis")).DateTime);
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day.GetProperty("date").GetString());
        Assert.Equal((3, 220_000L, 8_800L, 50_000L), (day.GetProperty("ticketsSold").GetInt32(), Minor(day, "gross"), Minor(day, "commission"), Minor(day, "refunded")));

        var list = Assert.Single(stats.GetProperty("checkIns").EnumerateArray());
        Assert.Equal(("Main", 1, 2, 0.5), (list.GetProperty("name").GetString(), list.GetProperty("checkedIn").GetInt32(), list.GetProperty("total").GetInt32(),
            list.GetProperty("rate").GetDouble()));
    }

    private async Task<Guid> OrderIdAsync(string number)
    {
        await using var db = await Catalog.Contexts.CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Orders.Where(o => o.Number == number).Select(o => o.Id));
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> ExportAsync(string eventId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/events/{Uri.EscapeDataString(eventId)}/attendees.csv");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await Catalog.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_attendee_csv_lists_every_ticket_with_its_first_admission_for_the_organization_only()
    {
        var e = await Api.OnSaleEventAsync("Export");
        var buyer = await Api.BuyerAsync();
        var (regularOrder, regular) = await Api.BuyAsync(buyer, e.EventId, e.RegularTypeId, 2);
        var (vipOrder, vip) = await Api.BuyAsync(buyer, e.EventId, e.VipTypeId);
        var friend = await Api.BuyerAsync();
        await Catalog.SucceedAsync("transferTicket", new { ticketId = regular[1].Id, toEmail = friend.Email }, buyer.Token, "ticket { id }");
        var side = await Api.CreateListAsync(e, "Side door, north");
        var main = await Api.CreateListAsync(e, "Main");
        Assert.Equal("OK", await Api.ResultAsync(regular[0].Token, side, e.ScannerToken));
        await Task.Delay(20);
        Assert.Equal("OK", await Api.ResultAsync(regular[0].Token, main, e.ScannerToken));

        var (status, type, body) = await ExportAsync(e.EventId, e.Organizer.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", type);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ticket_id,ticket_type,holder_email,order_number,status,checked_in_at,gate", lines[0]);
        Assert.Equal(4, lines.Length);
        var rows = lines[1..].ToDictionary(l => l.Split(',')[0]);
        var admitted = rows[regular[0].Id];
        Assert.StartsWith($"{regular[0].Id},Regular,{buyer.Email},{regularOrder},VALID,{DateTimeOffset.UtcNow:yyyy-MM-dd}T", admitted, StringComparison.Ordinal);
        // The first admission (by scan time) and its gate, quoted because of its comma.
        Assert.EndsWith("Z,\"Side door, north\"", admitted, StringComparison.Ordinal);
        Assert.Equal($"{regular[1].Id},Regular,{friend.Email},{regularOrder},VALID,,", rows[regular[1].Id]);
        Assert.Equal($"{vip[0].Id},VIP,{buyer.Email},{vipOrder},VALID,,", rows[vip[0].Id]);

        // The organization's scanners too; nobody else (404, as for an unknown event); 401 without credentials.
        Assert.Equal(HttpStatusCode.OK, (await ExportAsync(CatalogApi.Key(e.EventId).ToString(), e.ScannerToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync(e.EventId, buyer.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync(Guid.NewGuid().ToString(), e.Organizer.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync("nonsense", e.Organizer.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ExportAsync(e.EventId, null)).Status);
    }
}
