using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>
/// Who may run the catalog mutations: managers and owners of the organization, or its READ_WRITE API keys. Anyone else
/// is refused, and every refusal leaves the database exactly as it was.
/// </summary>
public sealed class CatalogMutationAccessTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    public static TheoryData<string> Mutations =>
    [
        "createVenue", "updateVenue", "createEvent", "updateEvent", "publishEvent", "cancelEvent",
        "addTicketType", "updateTicketType", "createQuota", "updateQuota", "createPromoCode",
    ];

    private sealed record Targets(Organizer Owner, string VenueId, string EventId, string TicketTypeId, string QuotaId);

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Anonymous_callers_get_UNAUTHENTICATED_and_nothing_changes(string field)
    {
        var t = await ArrangeAsync();
        var before = await WorldAsync(t);

        var body = await Api.PostAsync(CatalogApi.Mutation(field, "__typename"), new { input = InputFor(field, t) });

        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty(field).ValueKind);
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Another_organizer_gets_NotFoundError_for_our_objects_and_nothing_changes(string field)
    {
        var t = await ArrangeAsync();
        var stranger = await Api.OrganizerAsync("Concurrent");
        var before = await WorldAsync(t);

        var payload = await Api.MutateAsync(field, InputFor(field, t), stranger.Token);

        var error = CatalogApi.SingleError(payload, "NotFoundError");
        Assert.Equal("NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal(TargetId(field, t), error.GetProperty("id").GetString());
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_scanner_of_the_organization_gets_NotAuthorizedError_and_nothing_changes(string field)
    {
        var t = await ArrangeAsync();
        var scanner = await Api.MemberAsync(t.Owner, OrganizationRole.Scanner);
        var before = await WorldAsync(t);

        var payload = await Api.MutateAsync(field, InputFor(field, t), scanner);

        Assert.Equal("NOT_AUTHORIZED", CatalogApi.SingleError(payload, "NotAuthorizedError").GetProperty("code").GetString());
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_read_only_api_key_gets_NotAuthorizedError_and_nothing_changes(string field)
    {
        var t = await ArrangeAsync();
        var before = await WorldAsync(t);

        var payload = await Api.MutateAsync(field, InputFor(field, t), CatalogApi.ApiKeyToken(t.Owner.OrganizationId, ApiKeyScope.ReadOnly));

        CatalogApi.SingleError(payload, "NotAuthorizedError");
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_read_write_api_key_of_another_organization_gets_NotFoundError(string field)
    {
        var t = await ArrangeAsync();
        var stranger = await Api.OrganizerAsync("Other partner");
        var before = await WorldAsync(t);

        var payload = await Api.MutateAsync(field, InputFor(field, t), CatalogApi.ApiKeyToken(stranger.OrganizationId, ApiKeyScope.ReadWrite));

        CatalogApi.SingleError(payload, "NotFoundError");
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_manager_and_a_read_write_api_key_of_the_organization_may(string field)
    {
        var t = await ArrangeAsync();
        var manager = await Api.MemberAsync(t.Owner, OrganizationRole.Manager);
        var key = CatalogApi.ApiKeyToken(t.Owner.OrganizationId, ApiKeyScope.ReadWrite);

        await Api.SucceedAsync(field, InputFor(field, t), manager, "__typename");
        if (field is not ("publishEvent" or "cancelEvent" or "createPromoCode"))
        {
            // (a second publish, cancel or identical promo code would be refused for what it is, not for who asks)
            await Api.SucceedAsync(field, InputFor(field, t), key, "__typename");
        }
    }

    [Theory]
    [InlineData("updateVenue", "venueId", "Venue")]
    [InlineData("createEvent", "organizationId", "Organization")]
    [InlineData("updateEvent", "eventId", "Event")]
    [InlineData("publishEvent", "eventId", "Event")]
    [InlineData("addTicketType", "eventId", "Event")]
    [InlineData("updateTicketType", "ticketTypeId", "TicketType")]
    [InlineData("updateQuota", "quotaId", "Quota")]
    public async Task An_unknown_id_gets_NotFoundError_with_that_id(string field, string idField, string typeName)
    {
        var t = await ArrangeAsync();
        var unknown = CatalogApi.Gid(typeName, Guid.CreateVersion7());
        var input = JsonSerializer.SerializeToElement(InputFor(field, t)).Deserialize<Dictionary<string, object?>>()!;
        input[idField] = unknown;
        var before = await WorldAsync(t);

        var payload = await Api.MutateAsync(field, input, t.Owner.Token);

        Assert.Equal(unknown, CatalogApi.SingleError(payload, "NotFoundError").GetProperty("id").GetString());
        Assert.Equal(before, await WorldAsync(t));
    }

    [Theory]
    [InlineData("not-a-global-id")]
    [InlineData("VmVudWU6")] // "Venue:" without a key
    public async Task A_malformed_id_is_a_BAD_USER_INPUT_error_and_nothing_changes(string id)
    {
        var t = await ArrangeAsync();
        var before = await WorldAsync(t);

        var body = await Api.PostAsync(CatalogApi.Mutation("updateEvent", "__typename"), new { input = new { eventId = id, title = "x" } }, t.Owner.Token);

        Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(before, await WorldAsync(t));
    }

    [Fact]
    public async Task An_id_of_another_type_is_a_BAD_USER_INPUT_error_not_a_lookup()
    {
        var t = await ArrangeAsync();
        var before = await WorldAsync(t);

        // The venue's id where an event's is expected.
        var body = await Api.PostAsync(CatalogApi.Mutation("publishEvent", "__typename"), new { input = new { eventId = t.VenueId } }, t.Owner.Token);

        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("input.eventId", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await WorldAsync(t));
    }

    [Fact]
    public async Task An_event_can_only_use_its_own_organizations_venues_and_existing_categories()
    {
        var t = await ArrangeAsync();
        var other = await Api.OrganizerAsync("Autre organisateur");
        var foreignVenue = (await Api.SucceedAsync("createVenue", new
        {
            organizationId = other.Id, name = "Leur salle", address = "Rue de Marseille", city = "Tunis",
        }, other.Token, "venue { id }")).GetProperty("venue").GetProperty("id").GetString()!;
        var before = await WorldAsync(t);

        var create = await Api.MutateAsync("createEvent", new
        {
            organizationId = t.Owner.Id, title = "Chez les autres", startsAt = CatalogApi.InDays(5), endsAt = CatalogApi.InDays(5.1), venueId = foreignVenue,
        }, t.Owner.Token);
        var mismatch = CatalogApi.SingleError(create, "InvalidInputError");
        Assert.Equal("MISMATCH", mismatch.GetProperty("code").GetString());
        Assert.Equal("venueId", CatalogApi.FieldOf(mismatch));

        var update = await Api.MutateAsync("updateEvent", new { eventId = t.EventId, venueId = foreignVenue }, t.Owner.Token);
        Assert.Equal("venueId", CatalogApi.FieldOf(CatalogApi.SingleError(update, "InvalidInputError")));

        var unknownCategory = CatalogApi.Gid("Category", Guid.CreateVersion7());
        var category = await Api.MutateAsync("updateEvent", new { eventId = t.EventId, categoryId = unknownCategory }, t.Owner.Token);
        Assert.Equal(unknownCategory, CatalogApi.SingleError(category, "NotFoundError").GetProperty("id").GetString());

        Assert.Equal(before, await WorldAsync(t));
    }

    private async Task<Targets> ArrangeAsync()
    {
        var owner = await Api.OrganizerAsync("Carthage Prod");
        var venueId = (await Api.SucceedAsync("createVenue", new
        {
            organizationId = owner.Id, name = "Acropolium", address = "Colline de Byrsa", city = "Carthage",
        }, owner.Token, "venue { id }")).GetProperty("venue").GetProperty("id").GetString()!;
        var eventId = await Api.CreateEventAsync(owner, "Concert à l'Acropolium");
        var ticketTypeId = await Api.AddTicketTypeAsync(owner, eventId);
        var quotaId = (await Api.SucceedAsync("createQuota", new { eventId, name = "Nef", capacity = 80, ticketTypeIds = new[] { ticketTypeId } },
            owner.Token, "quota { id }")).GetProperty("quota").GetProperty("id").GetString()!;
        return new Targets(owner, venueId, eventId, ticketTypeId, quotaId);
    }

    private static object InputFor(string field, Targets t) => field switch
    {
        "createVenue" => new { organizationId = t.Owner.Id, name = "Nouvelle salle " + Guid.NewGuid().ToString("N")[..4], address = "1 rue X", city = "Bizerte" },
        "updateVenue" => new { venueId = t.VenueId, name = "Renamed " + Guid.NewGuid().ToString("N")[..4] },
        "createEvent" => new { organizationId = t.Owner.Id, title = "Intrus", startsAt = CatalogApi.InDays(3), endsAt = CatalogApi.InDays(3.1) },
        "updateEvent" => new { eventId = t.EventId, title = "Changed " + Guid.NewGuid().ToString("N")[..4] },
        "publishEvent" => new { eventId = t.EventId },
        "cancelEvent" => new { eventId = t.EventId, reason = "Intempéries" },
        "addTicketType" => new { eventId = t.EventId, name = "VIP", price = new { currency = "TND", minorUnits = 90_000 }, capacity = 10 },
        "updateTicketType" => new { ticketTypeId = t.TicketTypeId, capacity = 50 + Random.Shared.Next(40) },
        "createQuota" => new { eventId = t.EventId, name = "Balcon", capacity = 20, ticketTypeIds = new[] { t.TicketTypeId } },
        "updateQuota" => new { quotaId = t.QuotaId, capacity = 60 + Random.Shared.Next(20) },
        "createPromoCode" => new { eventId = t.EventId, code = "FREE100", kind = "PERCENTAGE", percentOff = 100 },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static string TargetId(string field, Targets t) => field switch
    {
        "createVenue" or "createEvent" => t.Owner.Id,
        "updateVenue" => t.VenueId,
        "updateTicketType" => t.TicketTypeId,
        "updateQuota" => t.QuotaId,
        _ => t.EventId,
    };

    /// <summary>The target event with everything it owns, the organization's counts, and its venue.</summary>
    private async Task<string> WorldAsync(Targets t)
    {
        var venueId = CatalogApi.Key(t.VenueId);
        await using var db = await Api.Contexts.CreateDbContextAsync();
        var venue = await db.Venues.AsNoTracking().Where(v => v.Id == venueId)
            .Select(v => new { v.Name, v.City, v.Capacity, Version = EF.Property<int>(v, "Version") }).SingleAsync();
        return await Api.EventStateAsync(t.EventId) + await Api.CountsAsync(t.Owner) + JsonSerializer.Serialize(venue);
    }
}
