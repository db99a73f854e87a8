using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Identity;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>Refresh-token rotation, reuse detection, concurrent refreshes, logout and bad tokens, on PostgreSQL.</summary>
public sealed class SessionTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private const string Refresh = """
        mutation($input: RefreshTokenInput!) { refreshToken(input: $input) {
          accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email } errors { __typename ... on Error { code } } } }
        """;

    private const string Logout = "mutation($input: LogoutInput!) { logout(input: $input) { loggedOut errors { __typename } } }";

    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    private Task<JsonElement> RefreshAsync(string refreshToken) => _app.MutateAsync(Refresh, new { input = new { refreshToken } });

    [Fact]
    public async Task Refresh_rotates_the_tokens_and_the_new_access_token_works()
    {
        var email = NewEmail("rotate");
        var (_, first, _) = await _app.SignedInUserAsync(email);

        var refreshed = await RefreshAsync(first);

        Assert.Empty(refreshed.GetProperty("errors").EnumerateArray());
        var second = refreshed.GetProperty("refreshToken").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(email, refreshed.GetProperty("user").GetProperty("email").GetString());
        var me = await _app.DataAsync("{ me { email } }", bearer: refreshed.GetProperty("accessToken").GetString());
        Assert.Equal(email, me.GetProperty("me").GetProperty("email").GetString());
        // The next rotation works with the new token.
        Assert.Empty((await RefreshAsync(second)).GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Refresh_tokens_are_stored_hashed()
    {
        var (_, refreshToken, userId) = await _app.SignedInUserAsync(NewEmail("hashed"));

        await using var db = database.CreateContext();
        var stored = await db.RefreshTokens.Where(t => t.UserId == IdentityApp.KeyOf(userId)).SingleAsync();
        Assert.Equal(RefreshToken.Hash(refreshToken), stored.TokenHash);
        var raw = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE {0}", "%" + refreshToken + "%").SingleAsync();
        Assert.Equal(0, raw);
    }

    [Fact]
    public async Task Reusing_a_rotated_token_is_refused_and_revokes_the_whole_family()
    {
        var (_, first, _) = await _app.SignedInUserAsync(NewEmail("reuse"));
        var second = (await RefreshAsync(first)).GetProperty("refreshToken").GetString()!;
        var third = (await RefreshAsync(second)).GetProperty("refreshToken").GetString()!;

        // An attacker replays the first token: refused, and the session's newest token dies with it.
        var replay = await RefreshAsync(first);
        Assert.Equal(["RefreshTokenReusedError"], IdentityApp.ErrorTypes(replay));
        Assert.Equal("REFRESH_TOKEN_REUSED", replay.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, replay.GetProperty("accessToken").ValueKind);

        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(third)));
    }

    [Fact]
    public async Task Reuse_revokes_only_that_family_not_the_users_other_sessions()
    {
        var email = NewEmail("families");
        var (_, phone, _) = await _app.SignedInUserAsync(email);
        var laptop = (await _app.LoginAsync(email)).GetProperty("refreshToken").GetString()!;
        await RefreshAsync(phone);

        await RefreshAsync(phone);

        Assert.Empty((await RefreshAsync(laptop)).GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Two_concurrent_refreshes_of_one_token_cannot_both_succeed()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, token, _) = await _app.SignedInUserAsync(NewEmail("race" + round));

            var results = await Task.WhenAll(RefreshAsync(token), RefreshAsync(token), RefreshAsync(token));

            var winners = results.Where(r => r.GetProperty("errors").GetArrayLength() == 0).ToList();
            Assert.Single(winners);
            Assert.All(results.Except(winners), r => Assert.Equal(["RefreshTokenReusedError"], IdentityApp.ErrorTypes(r)));
            await using var db = database.CreateContext();
            var hash = RefreshToken.Hash(token);
            var original = await db.RefreshTokens.SingleAsync(t => t.TokenHash == hash);
            // Exactly one successor was issued: the conditional update let one exchange through.
            Assert.Equal(2, await db.RefreshTokens.CountAsync(t => t.FamilyId == original.FamilyId));
        }
    }

    [Fact]
    public async Task Expired_and_garbage_refresh_tokens_are_InvalidTokenErrors()
    {
        var (_, token, _) = await _app.SignedInUserAsync(NewEmail("expired"));
        await using (var db = database.CreateContext())
        {
            var hash = RefreshToken.Hash(token);
            await db.RefreshTokens.Where(t => t.TokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(token)));
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync("garbage")));
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync("")));
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(new string('x', 5000))));
    }

    [Fact]
    public async Task Logout_revokes_the_session_and_allSessions_revokes_every_session()
    {
        var email = NewEmail("logout");
        var (_, first, _) = await _app.SignedInUserAsync(email);
        var second = (await _app.LoginAsync(email)).GetProperty("refreshToken").GetString()!;
        var third = (await _app.LoginAsync(email)).GetProperty("refreshToken").GetString()!;

        var loggedOut = await _app.MutateAsync(Logout, new { input = new { refreshToken = first } });
        Assert.True(loggedOut.GetProperty("loggedOut").GetBoolean());
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(first)));
        var rotated = (await RefreshAsync(second)).GetProperty("refreshToken").GetString()!;

        // Signing out again succeeds; allSessions signs out the other devices too.
        Assert.True((await _app.MutateAsync(Logout, new { input = new { refreshToken = first } })).GetProperty("loggedOut").GetBoolean());
        Assert.True((await _app.MutateAsync(Logout, new { input = new { refreshToken = third, allSessions = true } })).GetProperty("loggedOut").GetBoolean());
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(rotated)));
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(await RefreshAsync(third)));

        var unknown = await _app.MutateAsync(Logout, new { input = new { refreshToken = "garbage" } });
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(unknown));
    }

    public static TheoryData<string> BadAccessTokens => new()
    {
        "garbage",
        "a.b.c",
        Tokens.Create(Guid.NewGuid().ToString(), key: "another-key-that-is-long-enough-0123456789"),
        Tokens.Create(Guid.NewGuid().ToString(), expires: DateTime.UtcNow.AddMinutes(-5)),
    };

    [Theory]
    [MemberData(nameof(BadAccessTokens))]
    public async Task Forged_expired_or_garbage_access_tokens_get_401_never_500(string token)
    {
        var (status, body) = await _app.SendAsync("{ me { id } }", bearer: token);

        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_two_factor_challenge_is_not_an_access_token()
    {
        // Challenges are signed with the same key but for another audience.
        var (status, _) = await _app.SendAsync("{ me { id } }", bearer: Tokens.Create(Guid.NewGuid().ToString(), audience: "tickr:two-factor"));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task User_only_mutations_refuse_anonymous_callers_with_UNAUTHENTICATED()
    {
        var (status, body) = await _app.SendAsync(
            "mutation { createOrganization(input: { name: \"Nope\" }) { organization { id } } beginTwoFactorSetup { sharedKey } }");

        Assert.Equal(200, status);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
