using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>Partner API keys: creation, authentication over HTTP, scopes, revocation, isolation between organizations.</summary>
public sealed class ApiKeyTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private const string Create = """
        mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
          secret apiKey { id name prefix scope createdAt expiresAt lastUsedAt revokedAt organization { slug } }
          errors { __typename ... on Error { code message } } } }
        """;

    private const string Drafts = """
        query($slug: String!) { organization(slug: $slug) { events(status: [DRAFT]) { nodes { title viewerCanManage } } } }
        """;

    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    /// <summary>An owner, their organization (with one draft event, arranged in the database) and its slug.</summary>
    private async Task<(string Owner, string OrganizationId, string Slug)> OrganizationWithDraftAsync(string name)
    {
        var (owner, _, _) = await _app.SignedInUserAsync(NewEmail("owner"));
        var slug = name + "-" + Guid.NewGuid().ToString("N")[..8];
        var organizationId = await _app.CreateOrganizationAsync(owner, name, slug);
        var now = DateTimeOffset.UtcNow;
        await using var db = database.CreateContext();
        db.Events.Add(Event.Create(
            IdentityApp.KeyOf(organizationId),
            new EventDetails($"Brouillon {slug}", null, null, now.AddDays(30), now.AddDays(30).AddHours(3), null, null, null, null),
            "draft-" + slug,
            Currency.Tnd,
            now));
        await db.SaveChangesAsync();
        return (owner, organizationId, slug);
    }

    private async Task<(string Secret, string Id)> CreateKeyAsync(string owner, string organizationId, string scope)
    {
        var payload = await _app.MutateAsync(Create, new { input = new { organizationId, name = "Partner " + scope, scope } }, owner);
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        return (payload.GetProperty("secret").GetString()!, payload.GetProperty("apiKey").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_only_its_hash_is_stored()
    {
        var (owner, organizationId, slug) = await OrganizationWithDraftAsync("hash");

        var payload = await _app.MutateAsync(Create, new { input = new { organizationId, name = "Billetterie partenaire", scope = "READ_ONLY", expiresAt = DateTimeOffset.UtcNow.AddDays(90) } }, owner);

        var secret = payload.GetProperty("secret").GetString()!;
        var key = payload.GetProperty("apiKey");
        Assert.StartsWith("tkr_", secret, StringComparison.Ordinal);
        Assert.StartsWith(key.GetProperty("prefix").GetString()!, secret, StringComparison.Ordinal);
        Assert.Equal("READ_ONLY", key.GetProperty("scope").GetString());
        Assert.Equal(slug, key.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Null, key.GetProperty("lastUsedAt").ValueKind);

        // Listed without the secret; the database holds no plaintext anywhere in the row.
        var listed = (await _app.DataAsync("query($slug: String!) { organization(slug: $slug) { apiKeys { id prefix } } }", new { slug }, owner))
            .GetProperty("organization").GetProperty("apiKeys");
        Assert.Equal(key.GetProperty("id").GetString(), Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain("secret", listed.ToString(), StringComparison.OrdinalIgnoreCase);
        await using var db = database.CreateContext();
        var rows = await db.Database.SqlQueryRaw<string>("SELECT row_to_json(k)::text AS \"Value\" FROM api_keys k").ToListAsync();
        var row = Assert.Single(rows, r => r.Contains(key.GetProperty("prefix").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[(secret.LastIndexOf('_') + 1)..], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_reads_its_organizations_drafts_over_HTTP_in_both_header_forms()
    {
        var (owner, organizationId, slug) = await OrganizationWithDraftAsync("drafts");
        var (secret, keyId) = await CreateKeyAsync(owner, organizationId, "READ_ONLY");

        var anonymous = await _app.DataAsync(Drafts, new { slug });
        Assert.Empty(anonymous.GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray());

        var withHeader = await _app.DataAsync(Drafts, new { slug }, apiKey: secret);
        var draft = Assert.Single(withHeader.GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray());
        Assert.Equal($"Brouillon {slug}", draft.GetProperty("title").GetString());
        // READ_ONLY: it may read, not manage.
        Assert.False(draft.GetProperty("viewerCanManage").GetBoolean());

        var (status, body) = await _app.SendAsync(Drafts, new { slug }, authorization: "ApiKey " + secret);
        Assert.Equal(200, status);
        Assert.Single(body.GetProperty("data").GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray());

        // Use is recorded (at most once a minute).
        await using var db = database.CreateContext();
        Assert.NotNull(await db.ApiKeys.Where(k => k.Id == IdentityApp.KeyOf(keyId)).Select(k => k.LastUsedAt).SingleAsync());
        // A key is not a person: me is null.
        Assert.Equal(JsonValueKind.Null, (await _app.DataAsync("{ me { id } }", apiKey: secret)).GetProperty("me").ValueKind);
    }

    [Fact]
    public async Task A_read_write_key_may_manage_and_no_key_runs_the_user_only_mutations()
    {
        var (owner, organizationId, slug) = await OrganizationWithDraftAsync("scopes");
        var (readOnly, _) = await CreateKeyAsync(owner, organizationId, "READ_ONLY");
        var (readWrite, _) = await CreateKeyAsync(owner, organizationId, "READ_WRITE");

        var managed = await _app.DataAsync(Drafts, new { slug }, apiKey: readWrite);
        Assert.True(managed.GetProperty("organization").GetProperty("events").GetProperty("nodes")[0].GetProperty("viewerCanManage").GetBoolean());

        foreach (var key in new[] { readOnly, readWrite })
        {
            var (status, body) = await _app.SendAsync(
                "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
                new { input = new { organizationId, name = "Escalation", scope = "READ_WRITE" } },
                apiKey: key);
            Assert.Equal(200, status);
            Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.ApiKeys.CountAsync(k => k.OrganizationId == IdentityApp.KeyOf(organizationId)));
    }

    [Fact]
    public async Task A_key_never_reaches_another_organizations_private_data()
    {
        var (owner, organizationId, _) = await OrganizationWithDraftAsync("ours");
        var (_, otherId, otherSlug) = await OrganizationWithDraftAsync("theirs");
        var (secret, _) = await CreateKeyAsync(owner, organizationId, "READ_WRITE");

        var other = await _app.DataAsync(
            "query($slug: String!, $id: ID!) { organization(slug: $slug) { events(status: [DRAFT]) { nodes { title } } members { email } apiKeys { id } } node(id: $id) { ... on Organization { viewerRole } } }",
            new { slug = otherSlug, id = otherId },
            apiKey: secret);

        Assert.Empty(other.GetProperty("organization").GetProperty("events").GetProperty("nodes").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("organization").GetProperty("members").ValueKind);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("organization").GetProperty("apiKeys").ValueKind);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_at_once()
    {
        var (owner, organizationId, slug) = await OrganizationWithDraftAsync("revoked");
        var (secret, keyId) = await CreateKeyAsync(owner, organizationId, "READ_ONLY");
        Assert.Equal(200, (await _app.SendAsync(Drafts, new { slug }, apiKey: secret)).Status);

        var revoked = await _app.MutateAsync(
            "mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { revokedAt } errors { __typename } } }",
            new { input = new { apiKeyId = keyId } },
            owner);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("apiKey").GetProperty("revokedAt").ValueKind);

        var (status, body) = await _app.SendAsync(Drafts, new { slug }, apiKey: secret);
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("tkr_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")]
    [InlineData("tkr_")]
    public async Task Unknown_or_malformed_keys_get_401_never_500(string key)
    {
        var (status, body) = await _app.SendAsync("{ serverInfo { version } }", apiKey: key);

        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_secret_with_a_real_prefix_gets_401()
    {
        var (owner, organizationId, _) = await OrganizationWithDraftAsync("prefix");
        var (secret, _) = await CreateKeyAsync(owner, organizationId, "READ_ONLY");
        var tampered = secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.Equal(401, (await _app.SendAsync("{ serverInfo { version } }", apiKey: tampered)).Status);
    }

    [Fact]
    public async Task Only_owners_create_list_and_revoke_keys()
    {
        var (owner, organizationId, slug) = await OrganizationWithDraftAsync("owners");
        var (_, keyId) = await CreateKeyAsync(owner, organizationId, "READ_ONLY");
        var managerEmail = NewEmail("manager");
        var (manager, _, _) = await _app.SignedInUserAsync(managerEmail);
        await _app.MutateAsync("mutation($input: InviteMemberInput!) { inviteMember(input: $input) { errors { __typename } } }",
            new { input = new { organizationId, email = managerEmail, role = "MANAGER" } }, owner);
        var (stranger, _, _) = await _app.SignedInUserAsync(NewEmail("stranger"));

        var create = await _app.MutateAsync(Create, new { input = new { organizationId, name = "Nope", scope = "READ_ONLY" } }, manager);
        Assert.Equal(["NotAuthorizedError"], IdentityApp.ErrorTypes(create));
        var listed = await _app.DataAsync("query($slug: String!) { organization(slug: $slug) { apiKeys { id } members { email } } }", new { slug }, manager);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("organization").GetProperty("apiKeys").ValueKind);
        Assert.Equal(2, listed.GetProperty("organization").GetProperty("members").GetArrayLength());
        foreach (var caller in new[] { manager, stranger })
        {
            var revoke = await _app.MutateAsync("mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { errors { __typename } } }",
                new { input = new { apiKeyId = keyId } }, caller);
            Assert.Equal(["NotFoundError"], IdentityApp.ErrorTypes(revoke));
            var node = await _app.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = keyId }, caller);
            Assert.Equal(JsonValueKind.Null, node.GetProperty("node").ValueKind);
        }
    }

    [Fact]
    public async Task Bad_key_input_is_typed()
    {
        var (owner, organizationId, _) = await OrganizationWithDraftAsync("input");

        var past = await _app.MutateAsync(Create, new { input = new { organizationId, name = "Old", scope = "READ_ONLY", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) } }, owner);
        var noName = await _app.MutateAsync(Create, new { input = new { organizationId, name = " ", scope = "READ_ONLY" } }, owner);
        var badId = await _app.MutateAsync(Create, new { input = new { organizationId = "bm9wZQ", name = "X", scope = "READ_ONLY" } }, owner);

        Assert.Equal(["InvalidInputError"], IdentityApp.ErrorTypes(past));
        Assert.Equal(["InvalidInputError"], IdentityApp.ErrorTypes(noName));
        Assert.Equal(["NotFoundError"], IdentityApp.ErrorTypes(badId));
    }
}
