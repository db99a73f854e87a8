using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>addTicketType and updateTicketType on PostgreSQL: prices in the event's currency, capacities, windows, limits.</summary>
public sealed class TicketTypeMutationTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    [Theory]
    [InlineData("empty name", "INVALID_VALUE", "name")]
    [InlineData("negative capacity", "INVALID_VALUE", "capacity")]
    [InlineData("huge capacity", "INVALID_VALUE", "capacity")]
    [InlineData("price in EUR", "CURRENCY_MISMATCH", "price")]
    [InlineData("negative price", "INVALID_VALUE", "price")]
    [InlineData("too many decimals", "INVALID_VALUE", "price.amount")]
    [InlineData("amount and minor units", "INVALID_VALUE", "price")]
    [InlineData("unknown currency", "INVALID_VALUE", "price.currency")]
    [InlineData("sales end before start", "INVALID_PERIOD", "salesEndAt")]
    [InlineData("sales end after the event", "INVALID_PERIOD", "salesEndAt")]
    [InlineData("min above max", "INVALID_VALUE", "maxPerOrder")]
    [InlineData("max above 100", "INVALID_VALUE", "maxPerOrder")]
    [InlineData("hidden without code", "INVALID_VALUE", "accessCode")]
    [InlineData("code on a public type", "INVALID_VALUE", "accessCode")]
    public async Task AddTicketType_with_an_invalid_value_returns_InvalidInputError_and_changes_nothing(string rule, string code, string field)
    {
        var organizer = await Api.OrganizerAsync("Types");
        var eventId = await Api.CreateEventAsync(organizer); // TND, in 30 days
        var input = new Dictionary<string, object?>
        {
            ["eventId"] = eventId, ["name"] = "Normal", ["price"] = new { currency = "TND", minorUnits = 20_000 }, ["capacity"] = 100,
        };
        switch (rule)
        {
            case "empty name": input["name"] = ""; break;
            case "negative capacity": input["capacity"] = -1; break;
            case "huge capacity": input["capacity"] = 2_000_000; break;
            case "price in EUR": input["price"] = new { currency = "EUR", amount = 20m }; break;
            case "negative price": input["price"] = new { currency = "TND", minorUnits = -1 }; break;
            case "too many decimals": input["price"] = new { currency = "TND", amount = 12.3456m }; break;
            case "amount and minor units": input["price"] = new { currency = "TND", amount = 12m, minorUnits = 12_000 }; break;
            case "unknown currency": input["price"] = new { currency = "DZD", minorUnits = 100 }; break;
            case "sales end before start": input["salesStartAt"] = CatalogApi.InDays(10); input["salesEndAt"] = CatalogApi.InDays(5); break;
            case "sales end after the event": input["salesEndAt"] = CatalogApi.InDays(45); break;
            case "min above max": input["minPerOrder"] = 5; input["maxPerOrder"] = 2; break;
            case "max above 100": input["maxPerOrder"] = 101; break;
            case "hidden without code": input["isHidden"] = true; break;
            case "code on a public type": input["accessCode"] = "PRESSE"; break;
        }
        var before = await Api.EventStateAsync(eventId);

        var payload = await Api.MutateAsync("addTicketType", input, organizer.Token, "ticketType { id }");

        var error = CatalogApi.SingleError(payload, "InvalidInputError");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(field, CatalogApi.FieldOf(error));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("ticketType").ValueKind);
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task A_EUR_event_takes_EUR_prices_with_two_decimals()
    {
        var organizer = await Api.OrganizerAsync("Euros");
        var eventId = await Api.CreateEventAsync(organizer, "Concert à Paris", currency: "EUR");
        var payload = await Api.SucceedAsync("addTicketType", new
        {
            eventId, name = "Fosse", price = new { currency = "eur", amount = 12.5m }, capacity = 10,
        }, organizer.Token, "ticketType { price { minorUnits currency formatted } event { currency } }");
        var price = payload.GetProperty("ticketType").GetProperty("price");
        Assert.Equal(1250, price.GetProperty("minorUnits").GetInt64());
        Assert.Equal("12.50 EUR", price.GetProperty("formatted").GetString());

        var tnd = await Api.MutateAsync("addTicketType", new { eventId, name = "Dinars", price = new { currency = "TND", minorUnits = 1000 }, capacity = 1 }, organizer.Token);
        Assert.Equal("CURRENCY_MISMATCH", CatalogApi.SingleError(tnd, "InvalidInputError").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_hidden_type_keeps_its_code_for_managers_and_UpdateTicketType_changes_only_what_is_given()
    {
        var organizer = await Api.OrganizerAsync("Patch types");
        var eventId = await Api.CreateEventAsync(organizer);
        var added = await Api.SucceedAsync("addTicketType", new
        {
            eventId, name = "Presse", description = "Accréditation", price = new { currency = "TND", minorUnits = 0 }, capacity = 20,
            isHidden = true, accessCode = " presse-2027 ", salesStartAt = CatalogApi.InDays(1),
        }, organizer.Token, "ticketType { id accessCode isHidden }");
        var ticketTypeId = added.GetProperty("ticketType").GetProperty("id").GetString()!;
        Assert.Equal("PRESSE-2027", added.GetProperty("ticketType").GetProperty("accessCode").GetString());
        const string selection = "ticketType { name description capacity price { minorUnits } salesStartAt isHidden accessCode maxPerOrder }";

        var bigger = (await Api.SucceedAsync("updateTicketType", new { ticketTypeId, capacity = 40, maxPerOrder = 2 }, organizer.Token, selection)).GetProperty("ticketType");
        Assert.Equal(40, bigger.GetProperty("capacity").GetInt32());
        Assert.Equal(2, bigger.GetProperty("maxPerOrder").GetInt32());
        Assert.Equal("Presse", bigger.GetProperty("name").GetString());
        Assert.Equal("Accréditation", bigger.GetProperty("description").GetString());
        Assert.Equal("PRESSE-2027", bigger.GetProperty("accessCode").GetString());

        var opened = (await Api.SucceedAsync("updateTicketType", new
        {
            ticketTypeId, isHidden = false, description = (string?)null, salesStartAt = (DateTimeOffset?)null, price = new { currency = "TND", amount = 5 },
        }, organizer.Token, selection)).GetProperty("ticketType");
        Assert.False(opened.GetProperty("isHidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("accessCode").ValueKind); // dropped with the hiding
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("salesStartAt").ValueKind);
        Assert.Equal(5000, opened.GetProperty("price").GetProperty("minorUnits").GetInt64());
        Assert.Equal(40, opened.GetProperty("capacity").GetInt32());

        var before = await Api.EventStateAsync(eventId);
        var nullName = await Api.MutateAsync("updateTicketType", new { ticketTypeId, name = (string?)null }, organizer.Token);
        Assert.Equal("name", CatalogApi.FieldOf(CatalogApi.SingleError(nullName, "InvalidInputError")));
        var euros = await Api.MutateAsync("updateTicketType", new { ticketTypeId, price = new { currency = "EUR", minorUnits = 500 } }, organizer.Token);
        Assert.Equal("CURRENCY_MISMATCH", CatalogApi.SingleError(euros, "InvalidInputError").GetProperty("code").GetString());
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task Capacity_below_what_is_sold_returns_CapacityBelowSoldError_and_changes_nothing()
    {
        var organizer = await Api.OrganizerAsync("Sold");
        var eventId = await Api.CreateEventAsync(organizer);
        var ticketTypeId = await Api.AddTicketTypeAsync(organizer, eventId, capacity: 100);
        await Api.SetSoldAsync(ticketTypeId, 60);
        var before = await Api.EventStateAsync(eventId);

        var payload = await Api.MutateAsync("updateTicketType", new { ticketTypeId, capacity = 59, name = "Renommé aussi" }, organizer.Token);

        Assert.Equal("CAPACITY_BELOW_SOLD", CatalogApi.SingleError(payload, "CapacityBelowSoldError").GetProperty("code").GetString());
        Assert.Equal(before, await Api.EventStateAsync(eventId));
        var exactly = await Api.SucceedAsync("updateTicketType", new { ticketTypeId, capacity = 60 }, organizer.Token, "ticketType { capacity sold remaining }");
        Assert.Equal(0, exactly.GetProperty("ticketType").GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Sales_that_happen_while_the_capacity_is_being_lowered_are_caught_by_the_database()
    {
        var organizer = await Api.OrganizerAsync("Late sale");
        var eventId = await Api.CreateEventAsync(organizer);
        var ticketTypeId = await Api.AddTicketTypeAsync(organizer, eventId, capacity: 100);
        await Api.SetSoldAsync(ticketTypeId, 10);
        // The mutation reads sold = 10 and lowers the capacity to 20; before it writes, 15 more tickets sell (as the
        // ordering use case will: a conditional UPDATE of sold that does not touch the version).
        var held = Barrier.HoldAsync();
        var update = Api.MutateAsync("updateTicketType", new { ticketTypeId, capacity = 20 }, organizer.Token);
        await held;
        await Api.SetSoldAsync(ticketTypeId, 25);
        Barrier.Release();

        var payload = await update;

        CatalogApi.SingleError(payload, "CapacityBelowSoldError");
        Assert.Contains("\"Capacity\":100,\"Sold\":25", await Api.EventStateAsync(eventId), StringComparison.Ordinal);
    }
}
