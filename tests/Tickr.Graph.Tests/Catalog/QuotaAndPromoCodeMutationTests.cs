using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>createQuota, updateQuota and createPromoCode on PostgreSQL.</summary>
public sealed class QuotaAndPromoCodeMutationTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    [Fact]
    public async Task CreateQuota_refuses_bad_values_and_ticket_types_of_another_event()
    {
        var organizer = await Api.OrganizerAsync("Quotas");
        var eventId = await Api.CreateEventAsync(organizer);
        var mine = await Api.AddTicketTypeAsync(organizer, eventId);
        var otherEvent = await Api.CreateEventAsync(organizer, "Autre");
        var theirs = await Api.AddTicketTypeAsync(organizer, otherEvent);
        var before = await Api.EventStateAsync(eventId);

        async Task<string> Refused(object input, string code)
        {
            var payload = await Api.MutateAsync("createQuota", input, organizer.Token, "quota { id }");
            var error = CatalogApi.SingleError(payload, "InvalidInputError");
            Assert.Equal(code, error.GetProperty("code").GetString());
            return CatalogApi.FieldOf(error);
        }

        Assert.Equal("ticketTypeIds", await Refused(new { eventId, name = "Vide", capacity = 10, ticketTypeIds = Array.Empty<string>() }, "INVALID_VALUE"));
        Assert.Equal("ticketTypeIds", await Refused(new { eventId, name = "Mélange", capacity = 10, ticketTypeIds = new[] { mine, theirs } }, "MISMATCH"));
        Assert.Equal("capacity", await Refused(new { eventId, name = "Négatif", capacity = -5, ticketTypeIds = new[] { mine } }, "INVALID_VALUE"));
        Assert.Equal("capacity", await Refused(new { eventId, name = "Énorme", capacity = 1_000_001, ticketTypeIds = new[] { mine } }, "INVALID_VALUE"));
        Assert.Equal("name", await Refused(new { eventId, name = " ", capacity = 5, ticketTypeIds = new[] { mine } }, "INVALID_VALUE"));
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task UpdateQuota_renames_resizes_and_never_goes_below_what_its_types_sold()
    {
        var organizer = await Api.OrganizerAsync("Quota update");
        var eventId = await Api.CreateEventAsync(organizer);
        var a = await Api.AddTicketTypeAsync(organizer, eventId, "A");
        var b = await Api.AddTicketTypeAsync(organizer, eventId, "B");
        var quotaId = (await Api.SucceedAsync("createQuota", new { eventId, name = "Salle", capacity = 150, ticketTypeIds = new[] { a, b } },
            organizer.Token, "quota { id }")).GetProperty("quota").GetProperty("id").GetString()!;

        var renamed = await Api.SucceedAsync("updateQuota", new { quotaId, name = "Grande salle" }, organizer.Token, "quota { name capacity }");
        Assert.Equal("Grande salle", renamed.GetProperty("quota").GetProperty("name").GetString());
        Assert.Equal(150, renamed.GetProperty("quota").GetProperty("capacity").GetInt32());

        await Api.SetSoldAsync(a, 70); // the quota counts A's sales too
        var before = await Api.EventStateAsync(eventId);
        var below = await Api.MutateAsync("updateQuota", new { quotaId, capacity = 69, name = "Petite salle" }, organizer.Token);
        CatalogApi.SingleError(below, "CapacityBelowSoldError");
        var nullCapacity = await Api.MutateAsync("updateQuota", new { quotaId, capacity = (int?)null }, organizer.Token);
        Assert.Equal("capacity", CatalogApi.FieldOf(CatalogApi.SingleError(nullCapacity, "InvalidInputError")));
        Assert.Equal(before, await Api.EventStateAsync(eventId));

        var resized = await Api.SucceedAsync("updateQuota", new { quotaId, capacity = 70 }, organizer.Token, "quota { capacity remaining }");
        Assert.Equal(0, resized.GetProperty("quota").GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task A_quota_created_after_sales_counts_them_and_cannot_be_smaller()
    {
        var organizer = await Api.OrganizerAsync("Late quota");
        var eventId = await Api.CreateEventAsync(organizer);
        var a = await Api.AddTicketTypeAsync(organizer, eventId, "A");
        var b = await Api.AddTicketTypeAsync(organizer, eventId, "B");
        await Api.SetSoldAsync(a, 30);
        await Api.SetSoldAsync(b, 15);
        var before = await Api.EventStateAsync(eventId);

        var tooSmall = await Api.MutateAsync("createQuota", new { eventId, name = "Salle", capacity = 44, ticketTypeIds = new[] { a, b } }, organizer.Token);
        CatalogApi.SingleError(tooSmall, "CapacityBelowSoldError");
        Assert.Equal(before, await Api.EventStateAsync(eventId));

        var quota = await Api.SucceedAsync("createQuota", new { eventId, name = "Salle", capacity = 50, ticketTypeIds = new[] { a, b } },
            organizer.Token, "quota { sold remaining ticketTypes { name remaining } }");
        Assert.Equal(45, quota.GetProperty("quota").GetProperty("sold").GetInt32());
        Assert.Equal(5, quota.GetProperty("quota").GetProperty("remaining").GetInt32());
    }

    [Theory]
    [InlineData("percent 0", "percentOff")]
    [InlineData("percent 150", "percentOff")]
    [InlineData("percentage with an amount", "percentOff")]
    [InlineData("fixed without amount", "amountOff")]
    [InlineData("fixed amount zero", "amountOff")]
    [InlineData("fixed with percent", "amountOff")]
    [InlineData("fixed in EUR", "amountOff")]
    [InlineData("max uses 0", "maxUses")]
    [InlineData("valid until before from", "validUntil")]
    [InlineData("code too short", "code")]
    [InlineData("code with spaces", "code")]
    [InlineData("ticket type of another event", "ticketTypeIds")]
    public async Task CreatePromoCode_with_an_invalid_value_returns_InvalidInputError_and_creates_nothing(string rule, string field)
    {
        var organizer = await Api.OrganizerAsync("Promo");
        var eventId = await Api.CreateEventAsync(organizer);
        await Api.AddTicketTypeAsync(organizer, eventId);
        var input = new Dictionary<string, object?> { ["eventId"] = eventId, ["code"] = "ETE2027", ["kind"] = "PERCENTAGE", ["percentOff"] = 10 };
        switch (rule)
        {
            case "percent 0": input["percentOff"] = 0; break;
            case "percent 150": input["percentOff"] = 150; break;
            case "percentage with an amount": input["amountOff"] = new { currency = "TND", minorUnits = 1000 }; break;
            case "fixed without amount": input["kind"] = "FIXED_AMOUNT"; input.Remove("percentOff"); break;
            case "fixed amount zero": input["kind"] = "FIXED_AMOUNT"; input.Remove("percentOff"); input["amountOff"] = new { currency = "TND", minorUnits = 0 }; break;
            case "fixed with percent": input["kind"] = "FIXED_AMOUNT"; input["amountOff"] = new { currency = "TND", minorUnits = 1000 }; break;
            case "fixed in EUR": input["kind"] = "FIXED_AMOUNT"; input.Remove("percentOff"); input["amountOff"] = new { currency = "EUR", amount = 5m }; break;
            case "max uses 0": input["maxUses"] = 0; break;
            case "valid until before from": input["validFrom"] = CatalogApi.InDays(5); input["validUntil"] = CatalogApi.InDays(2); break;
            case "code too short": input["code"] = "AB"; break;
            case "code with spaces": input["code"] = "ETE 2027"; break;
            case "ticket type of another event": input["ticketTypeIds"] = new[] { await Api.AddTicketTypeAsync(organizer, await Api.CreateEventAsync(organizer, "Autre")) }; break;
        }
        var before = await Api.EventStateAsync(eventId);

        var payload = await Api.MutateAsync("createPromoCode", input, organizer.Token, "promoCode { code }");

        Assert.Equal(field, CatalogApi.FieldOf(CatalogApi.SingleError(payload, "InvalidInputError")));
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task Promo_codes_are_unique_per_event_whatever_their_case_and_free_across_events()
    {
        var organizer = await Api.OrganizerAsync("Codes");
        var eventId = await Api.CreateEventAsync(organizer);
        var ticketTypeId = await Api.AddTicketTypeAsync(organizer, eventId, minorUnits: 40_000);
        var fixedCode = await Api.SucceedAsync("createPromoCode", new
        {
            eventId, code = "Remise5", kind = "FIXED_AMOUNT", amountOff = new { currency = "TND", amount = 5 }, maxUses = 100,
            validFrom = CatalogApi.InDays(1), validUntil = CatalogApi.InDays(20), ticketTypeIds = new[] { ticketTypeId },
        }, organizer.Token, "promoCode { code kind amountOff { minorUnits formatted } maxUses timesUsed remainingUses ticketTypes { id } }");
        var promo = fixedCode.GetProperty("promoCode");
        Assert.Equal("REMISE5", promo.GetProperty("code").GetString());
        Assert.Equal("5.000 TND", promo.GetProperty("amountOff").GetProperty("formatted").GetString());
        Assert.Equal(100, promo.GetProperty("remainingUses").GetInt32());
        var before = await Api.EventStateAsync(eventId);

        var duplicate = await Api.MutateAsync("createPromoCode", new { eventId, code = "remise5", kind = "PERCENTAGE", percentOff = 50 }, organizer.Token);

        Assert.Equal("code", CatalogApi.FieldOf(CatalogApi.SingleError(duplicate, "DuplicateError")));
        Assert.Equal(before, await Api.EventStateAsync(eventId));
        var elsewhere = await Api.CreateEventAsync(organizer, "Ailleurs");
        await Api.SucceedAsync("createPromoCode", new { eventId = elsewhere, code = "REMISE5", kind = "PERCENTAGE", percentOff = 50 }, organizer.Token, "promoCode { code }");
    }

    [Fact]
    public async Task Two_concurrent_createPromoCode_with_the_same_code_give_one_code_and_one_typed_error()
    {
        var organizer = await Api.OrganizerAsync("Code race");
        var eventId = await Api.CreateEventAsync(organizer);
        var input = new { eventId, code = "FLASH", kind = "PERCENTAGE", percentOff = 30 };
        Barrier.Arm(2); // both checked the event's codes before either wrote

        var results = await Task.WhenAll(
            Api.MutateAsync("createPromoCode", input, organizer.Token),
            Api.MutateAsync("createPromoCode", input, organizer.Token));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        var failed = Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0);
        // Both writes also touch the event, so the loser meets either the unique index or the event's version first.
        Assert.Contains(failed.GetProperty("errors")[0].GetProperty("__typename").GetString(), new[] { "DuplicateError", "ConcurrentUpdateError" });
        await using var db = await Api.Contexts.CreateDbContextAsync();
        var id = CatalogApi.Key(eventId);
        Assert.Equal(1, await db.PromoCodes.CountAsync(p => p.EventId == id));
    }
}
