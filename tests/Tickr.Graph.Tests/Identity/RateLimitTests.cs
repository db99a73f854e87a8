using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>Rate limits of sign-in, registration, password resets and refreshes, configured low for the test.</summary>
public sealed class RateLimitTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database, f =>
        {
            foreach (var (policy, limit) in new[] { ("Login", "3"), ("Register", "3"), ("PasswordReset", "2"), ("Refresh", "2") })
            {
                f.WithSetting($"Tickr:RateLimits:{policy}:PermitLimit", limit);
                f.WithSetting($"Tickr:RateLimits:{policy}:Window", "01:00:00");
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    [Fact]
    public async Task Past_the_limit_every_operation_answers_RateLimitedError_and_does_nothing()
    {
        // Registration: 3 per hour from this client.
        var emails = Enumerable.Range(0, 4).Select(i => NewEmail("limited" + i)).ToArray();
        var registrations = new List<System.Text.Json.JsonElement>();
        foreach (var email in emails)
        {
            registrations.Add(await _app.RegisterAsync(email));
        }
        Assert.All(registrations.Take(3), r => Assert.Empty(r.GetProperty("errors").EnumerateArray()));
        Assert.Equal(["RateLimitedError"], IdentityApp.ErrorTypes(registrations[3]));
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == emails[3]));
        }

        // Sign-in: 3 per hour; the fourth is refused even with the right password, and issues no token.
        var logins = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            logins.Add(await _app.LoginAsync(emails[0]));
        }
        Assert.All(logins.Take(3), l => Assert.Empty(l.GetProperty("errors").EnumerateArray()));
        var refused = logins[3];
        Assert.Equal(["RateLimitedError"], IdentityApp.ErrorTypes(refused));
        Assert.Equal("RATE_LIMITED", refused.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.InRange(refused.GetProperty("errors")[0].GetProperty("retryAfterSeconds").GetInt32(), 1, 3600);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, refused.GetProperty("accessToken").ValueKind);

        // Password reset requests: 2 per hour; the third sends no email.
        const string reset = "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { requested errors { __typename } } }";
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await _app.MutateAsync(reset, new { input = new { email = emails[1] } })).GetProperty("requested").GetBoolean());
        }
        var third = await _app.MutateAsync(reset, new { input = new { email = emails[1] } });
        Assert.Equal(["RateLimitedError"], IdentityApp.ErrorTypes(third));
        Assert.Equal(2, _app.MailsTo(emails[1]).Count(m => m.Subject!.Contains("mot de passe", StringComparison.Ordinal)));

        // Refresh: 2 per hour.
        const string refresh = "mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { refreshToken errors { __typename } } }";
        var token = logins[0].GetProperty("refreshToken").GetString();
        token = (await _app.MutateAsync(refresh, new { input = new { refreshToken = token } })).GetProperty("refreshToken").GetString();
        token = (await _app.MutateAsync(refresh, new { input = new { refreshToken = token } })).GetProperty("refreshToken").GetString();
        var limited = await _app.MutateAsync(refresh, new { input = new { refreshToken = token } });
        Assert.Equal(["RateLimitedError"], IdentityApp.ErrorTypes(limited));
        // The refused refresh did not use the token up.
        await using (var db = database.CreateContext())
        {
            var hash = Tickr.Domain.Identity.RefreshToken.Hash(token!);
            Assert.Null(await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => t.UsedAt).SingleAsync());
        }
    }
}
