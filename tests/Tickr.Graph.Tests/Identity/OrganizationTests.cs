using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>Organizations, invitations and who sees a team, with two organizers and a participant.</summary>
public sealed class OrganizationTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private const string Invite = """
        mutation($input: InviteMemberInput!) { inviteMember(input: $input) {
          member { email role status joinedAt displayName } errors { __typename ... on Error { code message } } } }
        """;

    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task The_creator_owns_the_organization_and_its_slug_comes_from_the_name()
    {
        var (token, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var name = Unique("Théâtre d'Été");

        var payload = await _app.MutateAsync(
            "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id name slug viewerRole members { email role status } } errors { __typename } } }",
            new { input = new { name, description = "Spectacles à Hammamet" } },
            token);

        var organization = payload.GetProperty("organization");
        Assert.StartsWith("theatre-d-ete-", organization.GetProperty("slug").GetString(), StringComparison.Ordinal);
        Assert.Equal("OWNER", organization.GetProperty("viewerRole").GetString());
        var member = Assert.Single(organization.GetProperty("members").EnumerateArray());
        Assert.Equal("ACTIVE", member.GetProperty("status").GetString());
        var memberships = (await _app.DataAsync("{ me { memberships { role organization { name } } } }", bearer: token)).GetProperty("me").GetProperty("memberships");
        Assert.Equal(name, Assert.Single(memberships.EnumerateArray()).GetProperty("organization").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_taken_slug_is_a_DuplicateError_and_bad_names_are_InvalidInputErrors()
    {
        var (token, _, _) = await _app.SignedInUserAsync(NewEmail("slugs"));
        var slug = "dup-" + Guid.NewGuid().ToString("N")[..8];
        await _app.CreateOrganizationAsync(token, "First", slug);
        const string create = "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } errors { __typename ... on DuplicateError { field } } } }";

        var duplicate = await _app.MutateAsync(create, new { input = new { name = "Second", slug } }, token);
        var badSlug = await _app.MutateAsync(create, new { input = new { name = "Third", slug = "Not A Slug" } }, token);
        var noName = await _app.MutateAsync(create, new { input = new { name = "  " } }, token);

        Assert.Equal(["DuplicateError"], IdentityApp.ErrorTypes(duplicate));
        Assert.Equal("slug", duplicate.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(["InvalidInputError"], IdentityApp.ErrorTypes(badSlug));
        Assert.Equal(["InvalidInputError"], IdentityApp.ErrorTypes(noName));
    }

    [Fact]
    public async Task An_unconfirmed_account_cannot_create_an_organization()
    {
        var email = NewEmail("unconfirmed");
        await _app.RegisterAsync(email);
        var token = (await _app.LoginAsync(email)).GetProperty("accessToken").GetString();

        var payload = await _app.MutateAsync(
            "mutation { createOrganization(input: { name: \"Too soon\" }) { organization { id } errors { __typename ... on Error { code } } } }", bearer: token);

        Assert.Equal(["EmailNotConfirmedError"], IdentityApp.ErrorTypes(payload));
    }

    [Fact]
    public async Task An_existing_confirmed_user_joins_at_once()
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var organizationId = await _app.CreateOrganizationAsync(owner, Unique("Carthage"));
        var managerEmail = NewEmail("manager");
        var (manager, _, _) = await _app.SignedInUserAsync(managerEmail, "Karim Manager");

        var invited = await _app.MutateAsync(Invite, new { input = new { organizationId, email = managerEmail, role = "MANAGER" } }, owner);

        Assert.Empty(invited.GetProperty("errors").EnumerateArray());
        Assert.Equal("ACTIVE", invited.GetProperty("member").GetProperty("status").GetString());
        Assert.Equal("Karim Manager", invited.GetProperty("member").GetProperty("displayName").GetString());
        var membership = (await _app.DataAsync("{ me { memberships { role organization { id } } } }", bearer: manager)).GetProperty("me").GetProperty("memberships")[0];
        Assert.Equal("MANAGER", membership.GetProperty("role").GetString());
        Assert.Equal(organizationId, membership.GetProperty("organization").GetProperty("id").GetString());
        Assert.Single(_app.MailsTo(managerEmail), m => m.Subject!.Contains("invited", StringComparison.Ordinal));

        var again = await _app.MutateAsync(Invite, new { input = new { organizationId, email = managerEmail.ToUpperInvariant(), role = "SCANNER" } }, owner);
        Assert.Equal(["DuplicateError"], IdentityApp.ErrorTypes(again));
    }

    [Fact]
    public async Task A_new_address_joins_after_registering_and_confirming()
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var organizationId = await _app.CreateOrganizationAsync(owner, Unique("Sfax Live"));
        var email = NewEmail("newcomer");

        var invited = await _app.MutateAsync(Invite, new { input = new { organizationId, email, role = "SCANNER" } }, owner);
        Assert.Equal("INVITED", invited.GetProperty("member").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, invited.GetProperty("member").GetProperty("joinedAt").ValueKind);

        // Registering is not enough: anyone could type the address. Confirming it accepts the invitation.
        await _app.RegisterAsync(email);
        var unconfirmed = (await _app.LoginAsync(email)).GetProperty("accessToken").GetString();
        Assert.Empty((await _app.DataAsync("{ me { memberships { role } } }", bearer: unconfirmed)).GetProperty("me").GetProperty("memberships").EnumerateArray());

        var confirmed = await _app.ConfirmAsync(email, _app.TokenFromMail(email, "Confirm"));
        var membership = Assert.Single(confirmed.GetProperty("user").GetProperty("memberships").EnumerateArray());
        Assert.Equal("SCANNER", membership.GetProperty("role").GetString());

        var members = (await _app.DataAsync("query($id: ID!) { node(id: $id) { ... on Organization { members { email status } } } }", new { id = organizationId }, owner))
            .GetProperty("node").GetProperty("members").EnumerateArray().ToList();
        Assert.Contains(members, m => m.GetProperty("email").GetString() == email && m.GetProperty("status").GetString() == "ACTIVE");
    }

    [Fact]
    public async Task Outsiders_can_neither_invite_nor_see_the_team_nor_another_users_account()
    {
        var (owner, _, ownerId) = await _app.SignedInUserAsync(NewEmail("owner"));
        var organizationId = await _app.CreateOrganizationAsync(owner, Unique("Mine"));
        var (otherOrganizer, _, _) = await _app.SignedInUserAsync(NewEmail("rival"));
        await _app.CreateOrganizationAsync(otherOrganizer, Unique("Theirs"));
        var (participant, _, participantId) = await _app.SignedInUserAsync(NewEmail("participant"));

        foreach (var outsider in new[] { otherOrganizer, participant })
        {
            var invite = await _app.MutateAsync(Invite, new { input = new { organizationId, email = NewEmail("friend"), role = "OWNER" } }, outsider);
            Assert.Equal(["NotAuthorizedError"], IdentityApp.ErrorTypes(invite));

            var organization = (await _app.DataAsync("query($id: ID!) { node(id: $id) { ... on Organization { name members { email } apiKeys { id } viewerRole } } }", new { id = organizationId }, outsider)).GetProperty("node");
            Assert.Equal(JsonValueKind.Null, organization.GetProperty("members").ValueKind);
            Assert.Equal(JsonValueKind.Null, organization.GetProperty("apiKeys").ValueKind);
            Assert.Equal(JsonValueKind.Null, organization.GetProperty("viewerRole").ValueKind);

            var user = await _app.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = ownerId }, outsider);
            Assert.Equal(JsonValueKind.Null, user.GetProperty("node").ValueKind);
        }
        var anonymous = await _app.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = participantId });
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("node").ValueKind);

        // Nothing was invited.
        var members = (await _app.DataAsync("query($id: ID!) { node(id: $id) { ... on Organization { members { email } } } }", new { id = organizationId }, owner))
            .GetProperty("node").GetProperty("members");
        Assert.Single(members.EnumerateArray());
    }

    [Fact]
    public async Task A_manager_invites_scanners_only()
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var organizationId = await _app.CreateOrganizationAsync(owner, Unique("Roles"));
        var managerEmail = NewEmail("manager");
        var (manager, _, _) = await _app.SignedInUserAsync(managerEmail);
        await _app.MutateAsync(Invite, new { input = new { organizationId, email = managerEmail, role = "MANAGER" } }, owner);

        var scanner = await _app.MutateAsync(Invite, new { input = new { organizationId, email = NewEmail("scanner"), role = "SCANNER" } }, manager);
        var newOwner = await _app.MutateAsync(Invite, new { input = new { organizationId, email = NewEmail("boss"), role = "OWNER" } }, manager);

        Assert.Empty(scanner.GetProperty("errors").EnumerateArray());
        Assert.Equal(["NotAuthorizedError"], IdentityApp.ErrorTypes(newOwner));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("RXZlbnQ6MDE5M2E0YjJjM2Q0ZTVmNjA3MDgwOTBhMGIwYzBkMGU")]
    [InlineData("")]
    public async Task Malformed_or_mistyped_organization_ids_are_NotFoundErrors(string organizationId)
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("ids"));

        var payload = await _app.MutateAsync(Invite, new { input = new { organizationId, email = NewEmail("x"), role = "SCANNER" } }, owner);

        Assert.Equal(["NotFoundError"], IdentityApp.ErrorTypes(payload));
    }

    [Fact]
    public async Task Inviting_an_invalid_address_is_an_InvalidInputError()
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var organizationId = await _app.CreateOrganizationAsync(owner, Unique("Mails"));

        var payload = await _app.MutateAsync(Invite, new { input = new { organizationId, email = "nope", role = "SCANNER" } }, owner);

        Assert.Equal(["InvalidInputError"], IdentityApp.ErrorTypes(payload));
    }
}
