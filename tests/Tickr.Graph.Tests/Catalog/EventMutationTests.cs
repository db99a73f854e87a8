using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Catalog;

/// <summary>createEvent, updateEvent, publishEvent and cancelEvent on PostgreSQL: rules, slugs, patches, races.</summary>
public sealed class EventMutationTests(TickrPostgres database) : CatalogMutationTestBase(database), IClassFixture<TickrPostgres>
{
    [Theory]
    [InlineData("empty title", "INVALID_VALUE", "title")]
    [InlineData("title too long", "INVALID_VALUE", "title")]
    [InlineData("end before start", "INVALID_PERIOD", "endsAt")]
    [InlineData("end at start", "INVALID_PERIOD", "endsAt")]
    [InlineData("start in the past", "INVALID_PERIOD", "startsAt")]
    [InlineData("longer than a year", "INVALID_PERIOD", "endsAt")]
    [InlineData("bad time zone", "INVALID_VALUE", "timeZone")]
    [InlineData("ftp image", "INVALID_VALUE", "imageUrl")]
    [InlineData("unknown currency", "INVALID_VALUE", "currency")]
    [InlineData("invalid slug", "INVALID_VALUE", "slug")]
    [InlineData("negative refund deadline", "INVALID_VALUE", "refundPolicy.deadlineHoursBeforeStart")]
    public async Task CreateEvent_with_an_invalid_value_returns_InvalidInputError_and_creates_nothing(string rule, string code, string field)
    {
        var organizer = await Api.OrganizerAsync("Invalid inputs");
        var start = CatalogApi.InDays(20);
        var input = new Dictionary<string, object?>
        {
            ["organizationId"] = organizer.Id, ["title"] = "Valide", ["startsAt"] = start, ["endsAt"] = start.AddHours(3),
        };
        switch (rule)
        {
            case "empty title": input["title"] = "   "; break;
            case "title too long": input["title"] = new string('a', 161); break;
            case "end before start": input["endsAt"] = start.AddHours(-1); break;
            case "end at start": input["endsAt"] = start; break;
            case "start in the past": input["startsAt"] = DateTimeOffset.UtcNow.AddDays(-1); break;
            case "longer than a year": input["endsAt"] = start.AddDays(400); break;
            case "bad time zone": input["timeZone"] = "Mars/Olympus_Mons"; break;
            case "ftp image": input["imageUrl"] = "ftp://images.tickr.tn/poster.jpg"; break;
            case "unknown currency": input["currency"] = "XOF"; break;
            case "invalid slug": input["slug"] = "Nuit Blanche!"; break;
            case "negative refund deadline": input["refundPolicy"] = new { refundable = true, deadlineHoursBeforeStart = -5 }; break;
        }
        var before = await Api.CountsAsync(organizer);

        var payload = await Api.MutateAsync("createEvent", input, organizer.Token, "event { id }");

        var error = CatalogApi.SingleError(payload, "InvalidInputError");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(field, CatalogApi.FieldOf(error));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("event").ValueKind);
        Assert.Equal(before, await Api.CountsAsync(organizer));
    }

    [Fact]
    public async Task An_image_url_that_is_not_a_url_at_all_is_refused_by_the_URL_scalar()
    {
        var organizer = await Api.OrganizerAsync("Scalar");
        var before = await Api.CountsAsync(organizer);

        // A variable that does not coerce fails the whole request before execution: HTTP 400 with the application/graphql-response+json media type.
        var (status, body) = await Api.PostRawAsync(CatalogApi.Mutation("createEvent", "__typename"), new
        {
            input = new { organizationId = organizer.Id, title = "x", startsAt = CatalogApi.InDays(2), endsAt = CatalogApi.InDays(3), imageUrl = "poster.jpg" },
        }, organizer.Token);

        Assert.Equal(400, status);
        Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(before, await Api.CountsAsync(organizer));
    }

    [Fact]
    public async Task Slugs_are_made_from_the_title_and_numbered_when_taken()
    {
        var organizer = await Api.OrganizerAsync("Slugs");
        var word = "carthage" + Guid.NewGuid().ToString("N")[..6];
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var payload = await Api.SucceedAsync("createEvent", new
            {
                organizationId = organizer.Id, title = $"Festival {word.ToUpperInvariant()} — édition été", startsAt = CatalogApi.InDays(9), endsAt = CatalogApi.InDays(10),
            }, organizer.Token, "event { slug }");
            slugs.Add(payload.GetProperty("event").GetProperty("slug").GetString()!);
        }
        Assert.Equal([$"festival-{word}-edition-ete", $"festival-{word}-edition-ete-2", $"festival-{word}-edition-ete-3"], slugs);

        // A title with no Latin letter or digit still gets a slug.
        var arabic = await Api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id, title = "حفل المالوف", startsAt = CatalogApi.InDays(9), endsAt = CatalogApi.InDays(10),
        }, organizer.Token, "event { slug title }");
        Assert.StartsWith("event", arabic.GetProperty("event").GetProperty("slug").GetString(), StringComparison.Ordinal);
        Assert.Equal("حفل المالوف", arabic.GetProperty("event").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_chosen_slug_that_is_taken_is_a_DuplicateError_and_creates_nothing()
    {
        var organizer = await Api.OrganizerAsync("Duplicates");
        var slug = "nuit-blanche-" + Guid.NewGuid().ToString("N")[..6];
        await Api.CreateEventAsync(organizer, "Nuit blanche", slug);
        var other = await Api.OrganizerAsync("Someone else");
        var before = await Api.CountsAsync(other);

        // Slugs are unique across Tickr, not per organization.
        var payload = await Api.MutateAsync("createEvent", new
        {
            organizationId = other.Id, title = "Autre nuit", slug, startsAt = CatalogApi.InDays(4), endsAt = CatalogApi.InDays(5),
        }, other.Token);

        var error = CatalogApi.SingleError(payload, "DuplicateError");
        Assert.Equal("DUPLICATE", error.GetProperty("code").GetString());
        Assert.Equal("slug", CatalogApi.FieldOf(error));
        Assert.Equal(before, await Api.CountsAsync(other));
    }

    [Fact]
    public async Task Two_concurrent_createEvent_with_the_same_slug_give_one_event_and_one_DuplicateError()
    {
        var organizer = await Api.OrganizerAsync("Racers");
        var slug = "course-" + Guid.NewGuid().ToString("N")[..8];
        var input = new { organizationId = organizer.Id, title = "Course", slug, startsAt = CatalogApi.InDays(6), endsAt = CatalogApi.InDays(6.1) };
        Barrier.Arm(2); // both have checked everything and reach the INSERT together

        var results = await Task.WhenAll(
            Api.MutateAsync("createEvent", input, organizer.Token, "event { id }"),
            Api.MutateAsync("createEvent", input, organizer.Token, "event { id }"));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        var failed = Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal("slug", CatalogApi.FieldOf(CatalogApi.SingleError(failed, "DuplicateError")));
        await using var db = await Api.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Events.CountAsync(e => e.Slug == slug));
    }

    [Fact]
    public async Task Two_concurrent_createEvent_with_the_same_title_both_succeed_with_different_slugs()
    {
        var organizer = await Api.OrganizerAsync("Same title");
        var title = "Marathon " + Guid.NewGuid().ToString("N")[..6];
        var input = new { organizationId = organizer.Id, title, startsAt = CatalogApi.InDays(6), endsAt = CatalogApi.InDays(6.1) };
        // Both compute the same free slug, then collide on the unique index; the loser takes the next one.
        Barrier.Arm(2);

        var results = await Task.WhenAll(
            Api.SucceedAsync("createEvent", input, organizer.Token, "event { slug }"),
            Api.SucceedAsync("createEvent", input, organizer.Token, "event { slug }"));

        var slugs = results.Select(r => r.GetProperty("event").GetProperty("slug").GetString()!).Order().ToArray();
        var expected = "marathon-" + title[9..].ToLowerInvariant();
        Assert.Equal([expected, expected + "-2"], slugs);
    }

    [Fact]
    public async Task UpdateEvent_changes_only_the_given_fields_and_null_clears_what_can_be_cleared()
    {
        var organizer = await Api.OrganizerAsync("Patches");
        var created = await Api.SucceedAsync("createEvent", new
        {
            organizationId = organizer.Id, title = "Avant", description = "Une description", imageUrl = "https://img.tickr.tn/a.png",
            startsAt = CatalogApi.InDays(12), endsAt = CatalogApi.InDays(12.5),
        }, organizer.Token, "event { id }");
        var eventId = created.GetProperty("event").GetProperty("id").GetString()!;
        const string selection = "event { title description imageUrl timeZone startsAt slug }";

        var renamed = (await Api.SucceedAsync("updateEvent", new { eventId, title = "Après" }, organizer.Token, selection)).GetProperty("event");
        Assert.Equal("Après", renamed.GetProperty("title").GetString());
        Assert.Equal("Une description", renamed.GetProperty("description").GetString());
        Assert.Equal("https://img.tickr.tn/a.png", renamed.GetProperty("imageUrl").GetString());
        Assert.StartsWith("avant", renamed.GetProperty("slug").GetString(), StringComparison.Ordinal); // the slug does not follow the title

        var cleared = (await Api.SucceedAsync("updateEvent", new { eventId, description = (string?)null, imageUrl = (string?)null, timeZone = "Europe/Paris" },
            organizer.Token, selection)).GetProperty("event");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("imageUrl").ValueKind);
        Assert.Equal("Europe/Paris", cleared.GetProperty("timeZone").GetString());
        Assert.Equal("Après", cleared.GetProperty("title").GetString());

        // The same rules when the input is written in the document rather than sent as variables.
        var literal = await Api.PostAsync(
            $$"""mutation { updateEvent(input: { eventId: "{{eventId}}", description: "De retour" }) { event { title description } errors { __typename } } }""",
            token: organizer.Token);
        Assert.Equal("De retour", literal.GetProperty("data").GetProperty("updateEvent").GetProperty("event").GetProperty("description").GetString());
        Assert.Equal("Après", literal.GetProperty("data").GetProperty("updateEvent").GetProperty("event").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("startsAt")]
    [InlineData("endsAt")]
    [InlineData("timeZone")]
    [InlineData("slug")]
    [InlineData("refundPolicy")]
    public async Task UpdateEvent_refuses_null_for_a_field_that_cannot_be_cleared(string field)
    {
        var organizer = await Api.OrganizerAsync("Nulls");
        var eventId = await Api.CreateEventAsync(organizer);
        var before = await Api.EventStateAsync(eventId);

        var payload = await Api.MutateAsync("updateEvent", new Dictionary<string, object?> { ["eventId"] = eventId, [field] = null }, organizer.Token);

        Assert.Equal(field, CatalogApi.FieldOf(CatalogApi.SingleError(payload, "InvalidInputError")));
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task UpdateEvent_refuses_an_end_before_the_start_or_before_a_ticket_types_sales_end()
    {
        var organizer = await Api.OrganizerAsync("Periods");
        var eventId = await Api.CreateEventAsync(organizer);
        await Api.SucceedAsync("addTicketType", new
        {
            eventId, name = "Prévente", price = new { currency = "TND", minorUnits = 10_000 }, capacity = 10, salesEndAt = CatalogApi.InDays(29),
        }, organizer.Token, "ticketType { id }");
        var before = await Api.EventStateAsync(eventId);

        var backwards = await Api.MutateAsync("updateEvent", new { eventId, endsAt = CatalogApi.InDays(29.5) }, organizer.Token);
        Assert.Equal("INVALID_PERIOD", CatalogApi.SingleError(backwards, "InvalidInputError").GetProperty("code").GetString());
        var beforeSales = await Api.MutateAsync("updateEvent", new { eventId, startsAt = CatalogApi.InDays(27), endsAt = CatalogApi.InDays(28) }, organizer.Token);
        Assert.Equal("endsAt", CatalogApi.FieldOf(CatalogApi.SingleError(beforeSales, "InvalidInputError")));

        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task UpdateEvent_to_a_taken_slug_is_a_DuplicateError_and_a_free_one_is_taken()
    {
        var organizer = await Api.OrganizerAsync("Slug change");
        var taken = "pris-" + Guid.NewGuid().ToString("N")[..6];
        await Api.CreateEventAsync(organizer, "Premier", taken);
        var eventId = await Api.CreateEventAsync(organizer, "Second");
        var before = await Api.EventStateAsync(eventId);

        var duplicate = await Api.MutateAsync("updateEvent", new { eventId, slug = taken, title = "Second (renommé)" }, organizer.Token);
        Assert.Equal("slug", CatalogApi.FieldOf(CatalogApi.SingleError(duplicate, "DuplicateError")));
        Assert.Equal(before, await Api.EventStateAsync(eventId)); // the title was not changed either

        var free = "libre-" + Guid.NewGuid().ToString("N")[..6];
        var changed = await Api.SucceedAsync("updateEvent", new { eventId, slug = free }, organizer.Token, "event { slug }");
        Assert.Equal(free, changed.GetProperty("event").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Publishing_without_a_ticket_type_returns_NoTicketTypesError_and_leaves_a_draft()
    {
        var organizer = await Api.OrganizerAsync("Empty");
        var eventId = await Api.CreateEventAsync(organizer);
        var before = await Api.EventStateAsync(eventId);

        var payload = await Api.MutateAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");

        Assert.Equal("NO_TICKET_TYPES", CatalogApi.SingleError(payload, "NoTicketTypesError").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("event").ValueKind);
        Assert.Equal(before, await Api.EventStateAsync(eventId));
        Assert.Contains("\"Status\":\"Draft\"", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_twice_returns_InvalidStatusError_and_a_published_event_can_still_be_edited_but_not_moved_into_the_past()
    {
        var organizer = await Api.OrganizerAsync("Twice");
        var eventId = await Api.CreateEventAsync(organizer);
        await Api.AddTicketTypeAsync(organizer, eventId);
        await Api.SucceedAsync("publishEvent", new { eventId }, organizer.Token, "event { status }");
        var before = await Api.EventStateAsync(eventId);

        var again = await Api.MutateAsync("publishEvent", new { eventId }, organizer.Token);
        Assert.Equal("INVALID_STATUS", CatalogApi.SingleError(again, "InvalidStatusError").GetProperty("code").GetString());
        var past = await Api.MutateAsync("updateEvent", new { eventId, startsAt = DateTimeOffset.UtcNow.AddDays(-2), endsAt = DateTimeOffset.UtcNow.AddDays(-1) }, organizer.Token);
        Assert.Equal("INVALID_PERIOD", CatalogApi.SingleError(past, "InvalidInputError").GetProperty("code").GetString());
        Assert.Equal(before, await Api.EventStateAsync(eventId));

        var retitled = await Api.SucceedAsync("updateEvent", new { eventId, title = "Nouveau titre" }, organizer.Token, "event { title status }");
        Assert.Equal("PUBLISHED", retitled.GetProperty("event").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cancelled_event_refuses_every_change_with_InvalidStatusError()
    {
        var organizer = await Api.OrganizerAsync("Cancelled");
        var eventId = await Api.CreateEventAsync(organizer);
        var ticketTypeId = await Api.AddTicketTypeAsync(organizer, eventId);
        var quotaId = (await Api.SucceedAsync("createQuota", new { eventId, name = "Salle", capacity = 50, ticketTypeIds = new[] { ticketTypeId } },
            organizer.Token, "quota { id }")).GetProperty("quota").GetProperty("id").GetString()!;
        var cancelled = await Api.SucceedAsync("cancelEvent", new { eventId, reason = "  Tempête de sable  " }, organizer.Token,
            "event { status cancelledAt cancellationReason isOnSale }");
        Assert.Equal("CANCELLED", cancelled.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal("Tempête de sable", cancelled.GetProperty("event").GetProperty("cancellationReason").GetString());
        var before = await Api.EventStateAsync(eventId);

        var attempts = new (string Field, object Input)[]
        {
            ("updateEvent", new { eventId, title = "Ressuscité" }),
            ("publishEvent", new { eventId }),
            ("cancelEvent", new { eventId }),
            ("addTicketType", new { eventId, name = "Tardif", price = new { currency = "TND", minorUnits = 1 }, capacity = 1 }),
            ("updateTicketType", new { ticketTypeId, capacity = 5 }),
            ("createQuota", new { eventId, name = "Autre", capacity = 5, ticketTypeIds = new[] { ticketTypeId } }),
            ("updateQuota", new { quotaId, capacity = 5 }),
            ("createPromoCode", new { eventId, code = "TROPTARD", kind = "PERCENTAGE", percentOff = 5 }),
        };
        foreach (var (field, input) in attempts)
        {
            var payload = await Api.MutateAsync(field, input, organizer.Token);
            Assert.Equal("INVALID_STATUS", CatalogApi.SingleError(payload, "InvalidStatusError").GetProperty("code").GetString());
        }
        Assert.Equal(before, await Api.EventStateAsync(eventId));
    }

    [Fact]
    public async Task Two_updates_racing_on_one_event_give_one_success_and_one_ConcurrentUpdateError_never_a_lost_update()
    {
        var organizer = await Api.OrganizerAsync("Race");
        var eventId = await Api.CreateEventAsync(organizer, "Original");
        // Both read version N, then both write: the second UPDATE ... WHERE version = N matches nothing.
        Barrier.Arm(2);

        var results = await Task.WhenAll(
            Api.MutateAsync("updateEvent", new { eventId, title = "Titre de A" }, organizer.Token, "event { title }"),
            Api.MutateAsync("updateEvent", new { eventId, description = "Description de B" }, organizer.Token, "event { title }"));

        var won = Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        var lost = Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal("CONCURRENT_UPDATE", CatalogApi.SingleError(lost, "ConcurrentUpdateError").GetProperty("code").GetString());
        var state = await Api.EventStateAsync(eventId);
        var aWon = won.GetProperty("event").GetProperty("title").GetString() == "Titre de A";
        Assert.Equal(aWon, state.Contains("Titre de A", StringComparison.Ordinal));
        Assert.Equal(!aWon, state.Contains("Description de B", StringComparison.Ordinal));
        Assert.Contains("\"Version\":1", state, StringComparison.Ordinal); // inserted at 0, one write since
    }

    [Fact]
    public async Task Many_parallel_updates_keep_every_reported_success()
    {
        var organizer = await Api.OrganizerAsync("Crowd");
        var eventId = await Api.CreateEventAsync(organizer, "Foule");
        var inputs = new (string Key, object Input)[]
        {
            ("title", new { eventId, title = "Titre parallèle" }),
            ("description", new { eventId, description = "Description parallèle" }),
            ("timeZone", new { eventId, timeZone = "Africa/Algiers" }),
            ("imageUrl", new { eventId, imageUrl = "https://img.tickr.tn/parallel.png" }),
            ("refund", new { eventId, refundPolicy = new { refundable = true, deadlineHoursBeforeStart = 72 } }),
        };

        var results = await Task.WhenAll(inputs.Select(i => Api.MutateAsync("updateEvent", i.Input, organizer.Token)));

        var state = await Api.EventStateAsync(eventId);
        var expected = new[] { "Titre parallèle", "Description parallèle", "Africa/Algiers", "parallel.png", "\"DeadlineHoursBeforeStart\":72" };
        for (var i = 0; i < inputs.Length; i++)
        {
            if (results[i].GetProperty("errors").GetArrayLength() == 0)
            {
                Assert.Contains(expected[i], state, StringComparison.Ordinal);
            }
            else
            {
                CatalogApi.SingleError(results[i], "ConcurrentUpdateError");
                Assert.DoesNotContain(expected[i], state, StringComparison.Ordinal);
            }
        }
        Assert.Contains(results, r => r.GetProperty("errors").GetArrayLength() == 0);
    }
}
