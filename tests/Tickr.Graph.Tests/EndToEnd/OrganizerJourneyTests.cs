using System.Text.Json;
using Tickr.Graph.Tests.Identity;

namespace Tickr.Graph.Tests.EndToEnd;

/// <summary>
/// The end-to-end path over real HTTP on real PostgreSQL, through the public API only: a new organizer
/// registers, confirms the emailed token, signs in, creates an organization, a venue, an event with two ticket types on
/// a shared quota, publishes it, and an anonymous visitor finds it by searching. Then the forbidden paths: a second
/// organizer and a participant can neither see the first organizer's draft nor change anything of theirs.
/// </summary>
public sealed class OrganizerJourneyTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> Succeed(string mutation, object input, string token, string resultField)
    {
        var payload = await _app.MutateAsync(mutation, new { input }, token);
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return payload.GetProperty(resultField);
    }

    [Fact]
    public async Task An_organizer_goes_from_nothing_to_a_published_event_that_anyone_can_find()
    {
        // Register → the confirmation email's token → confirm → sign in.
        var (token, _, _) = await _app.SignedInUserAsync("nadia@festival-sousse.tn", "Nadia Ayari");

        var organizationId = await _app.CreateOrganizationAsync(token, "Festival de Sousse");
        var venue = await Succeed(
            "mutation($input: CreateVenueInput!) { createVenue(input: $input) { venue { id city } errors { __typename ... on Error { message } } } }",
            new { organizationId, name = "Théâtre de plein air", address = "Corniche", city = "Sousse", latitude = 35.83, longitude = 10.64 },
            token,
            "venue");
        var startsAt = DateTimeOffset.UtcNow.AddDays(30);
        var created = await Succeed(
            "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id slug status } errors { __typename ... on Error { message } } } }",
            new
            {
                organizationId,
                title = "Nuits musicales de la corniche",
                description = "Trois soirées de musique au bord de la mer.",
                startsAt,
                endsAt = startsAt.AddHours(3),
                timeZone = "Africa/Tunis",
                venueId = venue.GetProperty("id").GetString(),
            },
            token,
            "event");
        Assert.Equal("DRAFT", created.GetProperty("status").GetString());
        var eventId = created.GetProperty("id").GetString()!;

        const string addTicketType = "mutation($input: AddTicketTypeInput!) { addTicketType(input: $input) { ticketType { id } errors { __typename ... on Error { message } } } }";
        var early = await Succeed(addTicketType, new { eventId, name = "Early bird", price = new { currency = "TND", amount = 25 }, capacity = 200 }, token, "ticketType");
        var regular = await Succeed(addTicketType, new { eventId, name = "Normal", price = new { currency = "TND", minorUnits = 35_000 }, capacity = 400 }, token, "ticketType");
        await Succeed(
            "mutation($input: CreateQuotaInput!) { createQuota(input: $input) { quota { id capacity } errors { __typename ... on Error { message } } } }",
            new { eventId, name = "Gradins", capacity = 450, ticketTypeIds = new[] { early.GetProperty("id").GetString(), regular.GetProperty("id").GetString() } },
            token,
            "quota");

        // Not public before publishing, even by search.
        Assert.Equal(0, await SearchCountAsync("corniche"));

        var published = await Succeed(
            "mutation($input: PublishEventInput!) { publishEvent(input: $input) { event { status } errors { __typename ... on Error { message } } } }",
            new { eventId }, token, "event");
        Assert.Equal("PUBLISHED", published.GetProperty("status").GetString());

        // An anonymous visitor finds it (accents and case ignored), with the quota limiting what remains.
        var data = await _app.DataAsync("""
            { events(where: { search: "NUITS musicales sousse" }) { totalCount nodes {
                title organization { name } venue { city }
                ticketTypes { name price { formatted } remaining } } } }
            """);
        var events = data.GetProperty("events");
        Assert.Equal(1, events.GetProperty("totalCount").GetInt32());
        var found = events.GetProperty("nodes")[0];
        Assert.Equal("Festival de Sousse", found.GetProperty("organization").GetProperty("name").GetString());
        var types = found.GetProperty("ticketTypes").EnumerateArray().ToArray();
        Assert.Equal(["Early bird", "Normal"], types.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["25.000 TND", "35.000 TND"], types.Select(t => t.GetProperty("price").GetProperty("formatted").GetString()));
        Assert.Equal([200, 400], types.Select(t => t.GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task Another_organizer_and_a_participant_can_neither_see_a_draft_nor_change_anything()
    {
        var (owner, _, _) = await _app.SignedInUserAsync("owner@carthage-nights.tn", "Owner");
        var organizationId = await _app.CreateOrganizationAsync(owner, "Carthage Nights");
        var startsAt = DateTimeOffset.UtcNow.AddDays(20);
        var draft = await Succeed(
            "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } errors { __typename ... on Error { message } } } }",
            new { organizationId, title = "Secret launch party", startsAt, endsAt = startsAt.AddHours(4) },
            owner,
            "event");
        var eventId = draft.GetProperty("id").GetString()!;

        var (rival, _, _) = await _app.SignedInUserAsync("rival@other-events.tn", "Rival");
        await _app.CreateOrganizationAsync(rival, "Other Events");
        var (participant, _, _) = await _app.SignedInUserAsync("amira@example.tn", "Amira");

        foreach (var stranger in new[] { rival, participant })
        {
            // The draft does not exist for them: by id, by node, in the organization's list.
            var seen = await _app.DataAsync(
                "query($id: ID!, $org: ID!) { event(id: $id) { id } node(id: $id) { id } org: node(id: $org) { ... on Organization { events { totalCount } members { email } apiKeys { id } } } }",
                new { id = eventId, org = organizationId },
                stranger);
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("event").ValueKind);
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("node").ValueKind);
            Assert.Equal(0, seen.GetProperty("org").GetProperty("events").GetProperty("totalCount").GetInt32());
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("org").GetProperty("members").ValueKind);
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("org").GetProperty("apiKeys").ValueKind);

            // Writing answers NotFoundError, exactly as for an id that does not exist.
            var update = await _app.MutateAsync(
                "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } errors { __typename } } }",
                new { input = new { eventId, title = "Hijacked" } },
                stranger);
            Assert.Equal(["NotFoundError"], IdentityApp.ErrorTypes(update));
            var publish = await _app.MutateAsync(
                "mutation($input: PublishEventInput!) { publishEvent(input: $input) { event { id } errors { __typename } } }",
                new { input = new { eventId } },
                stranger);
            Assert.Equal(["NotFoundError"], IdentityApp.ErrorTypes(publish));
            var invite = await _app.MutateAsync(
                "mutation($input: InviteMemberInput!) { inviteMember(input: $input) { errors { __typename } } }",
                new { input = new { organizationId, email = "accomplice@example.tn", role = "MANAGER" } },
                stranger);
            // Organizations are public (organization(slug:)): a stranger sees it and lacks the role.
            Assert.Equal(["NotAuthorizedError"], IdentityApp.ErrorTypes(invite));
            var key = await _app.MutateAsync(
                "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { __typename } } }",
                new { input = new { organizationId, name = "mine now", scope = "READ_WRITE" } },
                stranger);
            Assert.Equal(JsonValueKind.Null, key.GetProperty("secret").ValueKind);
            Assert.Equal(["NotAuthorizedError"], IdentityApp.ErrorTypes(key));
        }

        // Nothing changed: the owner still sees the untouched draft, alone in a team of one.
        var mine = await _app.DataAsync(
            "query($id: ID!, $org: ID!) { event(id: $id) { title status } org: node(id: $org) { ... on Organization { members { email } } } }",
            new { id = eventId, org = organizationId },
            owner);
        Assert.Equal("Secret launch party", mine.GetProperty("event").GetProperty("title").GetString());
        Assert.Equal("DRAFT", mine.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal(["owner@carthage-nights.tn"], mine.GetProperty("org").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("email").GetString()));
    }

    private async Task<int> SearchCountAsync(string search)
    {
        var data = await _app.DataAsync("query($s: String) { events(where: { search: $s }) { totalCount } }", new { s = search });
        return data.GetProperty("events").GetProperty("totalCount").GetInt32();
    }
}
