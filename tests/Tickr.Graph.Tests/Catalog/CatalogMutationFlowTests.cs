using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>The organizer's path from nothing to an event on sale, end to end over HTTP on PostgreSQL.</summary>
public sealed class CatalogMutationFlowTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    [Fact]
    public async Task Venue_event_two_ticket_types_on_a_shared_quota_published_and_found_by_an_anonymous_search()
    {
        var organizer = await Api.OrganizerAsync("Dar Sebastian");
        var token = organizer.Token;
        var categories = await Api.PostAsync("{ categories { id name } }");
        var concerts = categories.GetProperty("data").GetProperty("categories").EnumerateArray().First().GetProperty("id").GetString();

        var venue = await Api.SucceedAsync("createVenue", new
        {
            organizationId = organizer.Id,
            name = "Centre culturel de Hammamet",
            address = "Avenue des Nations Unies",
            city = "Hammamet",
            countryCode = "tn",
            latitude = 36.39,
            longitude = 10.61,
            capacity = 1200,
        }, token, "venue { id name city countryCode location { latitude longitude } capacity }");
        var venueId = venue.GetProperty("venue").GetProperty("id").GetString()!;
        Assert.Equal("TN", venue.GetProperty("venue").GetProperty("countryCode").GetString());

        var created = await Api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id,
            title = "Nuit du jazz à Hammamet",
            description = "Quartets et big band sous les étoiles.",
            imageUrl = "https://images.tickr.tn/jazz.jpg",
            startsAt = CatalogApi.InDays(40),
            endsAt = CatalogApi.InDays(40.25),
            timeZone = "Africa/Tunis",
            venueId,
            categoryId = concerts,
            refundPolicy = new { refundable = true, deadlineHoursBeforeStart = 48 },
        }, token, "event { id slug status currency timeZone venue { name } category { id } refundPolicy { refundable deadlineHoursBeforeStart } }");
        var e = created.GetProperty("event");
        var eventId = e.GetProperty("id").GetString()!;
        Assert.Equal("nuit-du-jazz-a-hammamet", e.GetProperty("slug").GetString());
        Assert.Equal("DRAFT", e.GetProperty("status").GetString());
        Assert.Equal("TND", e.GetProperty("currency").GetString());
        Assert.Equal("Centre culturel de Hammamet", e.GetProperty("venue").GetProperty("name").GetString());
        Assert.Equal(48, e.GetProperty("refundPolicy").GetProperty("deadlineHoursBeforeStart").GetInt32());

        var early = await Api.SucceedAsync("addTicketType", new
        {
            eventId,
            name = "Early bird",
            price = new { currency = "TND", amount = 35.5m },
            capacity = 200,
            salesEndAt = CatalogApi.InDays(20),
            maxPerOrder = 4,
        }, token, "ticketType { id name price { minorUnits formatted } maxPerOrder salesEndAt }");
        Assert.Equal(35_500, early.GetProperty("ticketType").GetProperty("price").GetProperty("minorUnits").GetInt64());
        Assert.Equal("35.500 TND", early.GetProperty("ticketType").GetProperty("price").GetProperty("formatted").GetString());
        var earlyId = early.GetProperty("ticketType").GetProperty("id").GetString()!;
        var regularId = await Api.AddTicketTypeAsync(organizer, eventId, "Normal", 50_000, 800);

        var quota = await Api.SucceedAsync("createQuota", new
        {
            eventId,
            name = "Jauge du théâtre de plein air",
            capacity = 900,
            ticketTypeIds = new[] { earlyId, regularId },
        }, token, "quota { id capacity remaining ticketTypes { name } }");
        Assert.Equal(2, quota.GetProperty("quota").GetProperty("ticketTypes").GetArrayLength());
        Assert.Equal(900, quota.GetProperty("quota").GetProperty("remaining").GetInt32());

        var promo = await Api.SucceedAsync("createPromoCode", new
        {
            eventId,
            code = "jazz10",
            kind = "PERCENTAGE",
            percentOff = 10,
            maxUses = 50,
            ticketTypeIds = new[] { regularId },
        }, token, "promoCode { code kind percentOff remainingUses ticketTypes { name } }");
        Assert.Equal("JAZZ10", promo.GetProperty("promoCode").GetProperty("code").GetString());
        Assert.Equal("Normal", promo.GetProperty("promoCode").GetProperty("ticketTypes")[0].GetProperty("name").GetString());

        var published = await Api.SucceedAsync("publishEvent", new { eventId }, token, "event { status isOnSale publishedAt }");
        Assert.Equal("PUBLISHED", published.GetProperty("event").GetProperty("status").GetString());
        Assert.True(published.GetProperty("event").GetProperty("isOnSale").GetBoolean());

        // Anonymous: the public catalog finds it by words of its title and by its venue's city, accents ignored.
        foreach (var search in new[] { "jazz", "HAMMAMET nuit" })
        {
            var body = await Api.PostAsync(
                "query($s: String) { events(where: { search: $s }) { nodes { id title ticketTypes { name remaining } priceRange { min { minorUnits } max { minorUnits } } quotas { name } } } }",
                new { s = search });
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
            var nodes = body.GetProperty("data").GetProperty("events").GetProperty("nodes");
            var found = Assert.Single(nodes.EnumerateArray(), n => n.GetProperty("id").GetString() == eventId);
            Assert.Equal(2, found.GetProperty("ticketTypes").GetArrayLength());
            Assert.Equal(200, found.GetProperty("ticketTypes")[0].GetProperty("remaining").GetInt32());
            Assert.Equal(35_500, found.GetProperty("priceRange").GetProperty("min").GetProperty("minorUnits").GetInt64());
            Assert.Equal(JsonValueKind.Null, found.GetProperty("quotas").ValueKind); // quotas are the organization's business
        }
    }

    [Fact]
    public async Task Renaming_a_venue_keeps_event_search_in_step()
    {
        var organizer = await Api.OrganizerAsync("Sfax Events");
        var venue = await Api.SucceedAsync("createVenue", new
        {
            organizationId = organizer.Id, name = "Salle Alpha", address = "Route de Tunis km 2", city = "Sfax",
        }, organizer.Token, "venue { id }");
        var venueId = venue.GetProperty("venue").GetProperty("id").GetString()!;
        var created = await Api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id, title = "Gala de fin d'année", startsAt = CatalogApi.InDays(10), endsAt = CatalogApi.InDays(10.2), venueId,
        }, organizer.Token, "event { id }");
        var eventId = created.GetProperty("event").GetProperty("id").GetString()!;
        await Api.AddTicketTypeAsync(organizer, eventId);
        await Api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { id }");
        Assert.Contains(eventId, await SearchAsync("alpha"));

        var renamed = await Api.SucceedAsync("updateVenue", new { venueId, name = "Théâtre Zéphyrine", city = "Mahdia" }, organizer.Token,
            "venue { name address city }");
        Assert.Equal("Route de Tunis km 2", renamed.GetProperty("venue").GetProperty("address").GetString()); // absent: kept

        Assert.Contains(eventId, await SearchAsync("zephyrine"));
        Assert.Contains(eventId, await SearchAsync("mahdia"));
        Assert.DoesNotContain(eventId, await SearchAsync("alpha"));
    }

    [Fact]
    public async Task A_later_mutation_in_the_same_request_sees_what_an_earlier_one_wrote()
    {
        var organizer = await Api.OrganizerAsync("Batch Org");
        var eventId = await Api.CreateEventAsync(organizer, "Deux types d'un coup");
        // The first payload reads the event's ticket types (caching them for the request); the second must not get
        // that stale list.
        var body = await Api.PostAsync("""
            mutation($id: ID!) {
              a: addTicketType(input: { eventId: $id, name: "A", price: { currency: "TND", minorUnits: 1000 }, capacity: 5 }) {
                ticketType { event { ticketTypes { name } } } errors { __typename } }
              b: addTicketType(input: { eventId: $id, name: "B", price: { currency: "TND", minorUnits: 2000 }, capacity: 5 }) {
                ticketType { event { ticketTypes { name } } } errors { __typename } }
            }
            """, new { id = eventId }, organizer.Token);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        string[] Names(string alias) => body.GetProperty("data").GetProperty(alias).GetProperty("ticketType").GetProperty("event")
            .GetProperty("ticketTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["A"], Names("a"));
        Assert.Equal(["A", "B"], Names("b"));
    }

    private async Task<List<string>> SearchAsync(string words)
    {
        var body = await Api.PostAsync("query($s: String) { events(where: { search: $s }) { nodes { id } } }", new { s = words });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("events").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
    }
}
