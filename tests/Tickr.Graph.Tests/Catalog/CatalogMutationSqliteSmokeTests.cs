using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tickr.Data;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>
/// The embedded default: a smaller suite of the same scenarios on SQLite (a temporary file per class), so that the
/// behaviours PostgreSQL proves — typed errors from unique and CHECK constraints, optimistic concurrency, search after
/// publishing — hold on the provider a fresh <c>dotnet run</c> uses.
/// </summary>
public sealed class CatalogMutationSqliteSmokeTests : IAsyncLifetime
{
    private readonly SaveBarrier _barrier = new();
    private CatalogApi _api = null!;

    public Task InitializeAsync()
    {
        _api = new CatalogApi(new TickrAppFactory().WithService<IInterceptor>(_barrier));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Runs_on_SQLite()
    {
        await using var db = await _api.Contexts.CreateDbContextAsync();
        Assert.Equal(DatabaseProvider.Sqlite, db.Provider);
    }

    [Fact]
    public async Task Venue_event_ticket_types_on_a_quota_published_and_found_by_search()
    {
        var organizer = await _api.OrganizerAsync("Sqlite Org");
        var venueId = (await _api.SucceedAsync("createVenue", new { organizationId = organizer.Id, name = "Théâtre de Sousse", address = "Bd 7 Novembre", city = "Sousse" },
            organizer.Token, "venue { id }")).GetProperty("venue").GetProperty("id").GetString()!;
        var eventId = (await _api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id, title = "Récital de luth", startsAt = CatalogApi.InDays(15), endsAt = CatalogApi.InDays(15.1), venueId,
        }, organizer.Token, "event { id }")).GetProperty("event").GetProperty("id").GetString()!;
        var a = await _api.AddTicketTypeAsync(organizer, eventId, "Parterre");
        var b = await _api.AddTicketTypeAsync(organizer, eventId, "Balcon", 20_000);
        await _api.SucceedAsync("createQuota", new { eventId, name = "Salle", capacity = 120, ticketTypeIds = new[] { a, b } }, organizer.Token, "quota { id }");
        await _api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");

        var body = await _api.PostAsync("{ events(where: { search: \"LUTH sousse\" }) { nodes { id ticketTypes { name remaining } } } }");

        var found = Assert.Single(body.GetProperty("data").GetProperty("events").GetProperty("nodes").EnumerateArray());
        Assert.Equal(eventId, found.GetProperty("id").GetString());
        Assert.Equal(100, found.GetProperty("ticketTypes")[0].GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Concurrent_creations_with_one_slug_give_one_event_and_one_DuplicateError()
    {
        var organizer = await _api.OrganizerAsync("Slug race");
        var input = new { organizationId = organizer.Id, title = "Course", slug = "course-sqlite", startsAt = CatalogApi.InDays(6), endsAt = CatalogApi.InDays(6.1) };
        _barrier.Arm(2);

        var results = await Task.WhenAll(
            _api.MutateAsync("createEvent", input, organizer.Token),
            _api.MutateAsync("createEvent", input, organizer.Token));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        var failed = Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal("slug", CatalogApi.FieldOf(CatalogApi.SingleError(failed, "DuplicateError")));
        await using var db = await _api.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Events.CountAsync(e => e.Slug == "course-sqlite"));
    }

    [Fact]
    public async Task Concurrent_creations_with_one_title_both_get_a_slug()
    {
        var organizer = await _api.OrganizerAsync("Title race");
        var input = new { organizationId = organizer.Id, title = "Nuit du conte", startsAt = CatalogApi.InDays(6), endsAt = CatalogApi.InDays(6.1) };
        _barrier.Arm(2);

        var results = await Task.WhenAll(
            _api.SucceedAsync("createEvent", input, organizer.Token, "event { slug }"),
            _api.SucceedAsync("createEvent", input, organizer.Token, "event { slug }"));

        Assert.Equal(["nuit-du-conte", "nuit-du-conte-2"], results.Select(r => r.GetProperty("event").GetProperty("slug").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task Racing_updates_give_one_ConcurrentUpdateError_and_a_duplicate_promo_code_is_a_DuplicateError()
    {
        var organizer = await _api.OrganizerAsync("Update race");
        var eventId = await _api.CreateEventAsync(organizer, "Avant la course");
        _barrier.Arm(2);

        var results = await Task.WhenAll(
            _api.MutateAsync("updateEvent", new { eventId, title = "A" }, organizer.Token),
            _api.MutateAsync("updateEvent", new { eventId, title = "B" }, organizer.Token));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        CatalogApi.SingleError(Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0), "ConcurrentUpdateError");

        await _api.SucceedAsync("createPromoCode", new { eventId, code = "AMIS", kind = "PERCENTAGE", percentOff = 15 }, organizer.Token, "promoCode { code }");
        var duplicate = await _api.MutateAsync("createPromoCode", new { eventId, code = "amis", kind = "PERCENTAGE", percentOff = 20 }, organizer.Token);
        Assert.Equal("code", CatalogApi.FieldOf(CatalogApi.SingleError(duplicate, "DuplicateError")));
    }

    [Fact]
    public async Task Capacity_below_sold_is_refused_also_when_the_sale_lands_between_read_and_write()
    {
        var organizer = await _api.OrganizerAsync("Capacity");
        var eventId = await _api.CreateEventAsync(organizer);
        var ticketTypeId = await _api.AddTicketTypeAsync(organizer, eventId, capacity: 100);
        await _api.SetSoldAsync(ticketTypeId, 30);
        var before = await _api.EventStateAsync(eventId);

        CatalogApi.SingleError(await _api.MutateAsync("updateTicketType", new { ticketTypeId, capacity = 29 }, organizer.Token), "CapacityBelowSoldError");
        Assert.Equal(before, await _api.EventStateAsync(eventId));

        var held = _barrier.HoldAsync();
        var update = _api.MutateAsync("updateTicketType", new { ticketTypeId, capacity = 40 }, organizer.Token);
        await held;
        await _api.SetSoldAsync(ticketTypeId, 45);
        _barrier.Release();
        CatalogApi.SingleError(await update, "CapacityBelowSoldError"); // from SQLite's CHECK constraint
    }

    [Fact]
    public async Task Scanners_strangers_and_anonymous_callers_are_refused()
    {
        var organizer = await _api.OrganizerAsync("Owners");
        var eventId = await _api.CreateEventAsync(organizer);
        var scanner = await _api.MemberAsync(organizer, OrganizationRole.Scanner);
        var stranger = await _api.OrganizerAsync("Strangers");
        var before = await _api.EventStateAsync(eventId);

        CatalogApi.SingleError(await _api.MutateAsync("updateEvent", new { eventId, title = "Scanné" }, scanner), "NotAuthorizedError");
        CatalogApi.SingleError(await _api.MutateAsync("updateEvent", new { eventId, title = "Volé" }, stranger.Token), "NotFoundError");
        var anonymous = await _api.PostAsync(CatalogApi.Mutation("updateEvent", "__typename"), new { input = new { eventId, title = "Anonyme" } });
        Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(before, await _api.EventStateAsync(eventId));
    }
}
