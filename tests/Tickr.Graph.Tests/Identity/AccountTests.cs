using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>Registration, email confirmation, sign-in, lockout and password reset, over HTTP on PostgreSQL.</summary>
public sealed class AccountTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database, f => f
            .WithSetting("Tickr:Auth:Lockout:MaxFailedAttempts", "3")
            .WithSetting("Tickr:Auth:Lockout:Duration", "00:15:00"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    [Fact]
    public async Task Register_emails_a_token_that_confirms_the_address_then_login_and_me_work()
    {
        var email = NewEmail("amira");

        var registered = await _app.RegisterAsync(email.ToUpperInvariant(), displayName: "Amira Jlassi", locale: "en");
        Assert.Empty(registered.GetProperty("errors").EnumerateArray());
        var user = registered.GetProperty("user");
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.False(user.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal("en", user.GetProperty("locale").GetString());

        // The real output: an .eml file in the pickup folder, with the token and a link built from Tickr:PublicUrl.
        var mail = Assert.Single(_app.MailsTo(email));
        Assert.Equal("Confirm your Tickr email address", mail.Subject);
        Assert.Contains("https://tickr.example.tn/app/confirm-email?userId=", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(mail.HtmlBody);
        var token = _app.TokenFromMail(email, "Confirm");

        var confirmed = await _app.ConfirmAsync(email, token);
        Assert.Empty(confirmed.GetProperty("errors").EnumerateArray());
        Assert.True(confirmed.GetProperty("user").GetProperty("emailConfirmed").GetBoolean());

        var login = await _app.LoginAsync(email);
        Assert.Empty(login.GetProperty("errors").EnumerateArray());
        var accessToken = login.GetProperty("accessToken").GetString()!;
        var expiresAt = login.GetProperty("accessTokenExpiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.InRange(login.GetProperty("refreshTokenExpiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));

        // The issued token validates with the server's JwtBearer setup and names the user.
        var me = (await _app.DataAsync("{ me { id email displayName emailConfirmed twoFactorEnabled createdAt memberships { role } } }", bearer: accessToken)).GetProperty("me");
        Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.Equal("Amira Jlassi", me.GetProperty("displayName").GetString());
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
        Assert.False(me.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Empty(me.GetProperty("memberships").EnumerateArray());

        // node(id:) of one's own account works.
        var node = (await _app.DataAsync("query($id: ID!) { node(id: $id) { ... on User { email } } }", new { id = me.GetProperty("id").GetString() }, accessToken)).GetProperty("node");
        Assert.Equal(email, node.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_token_claims_are_the_ones_clients_expect()
    {
        var email = NewEmail("claims");
        var (accessToken, _, userId) = await _app.SignedInUserAsync(email, "Claims Person");

        var jwt = new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().ReadJwtToken(accessToken);

        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Equal(IdentityApp.KeyOf(userId).ToString(), jwt.Subject);
        Assert.Equal(email, jwt.Claims.Single(c => c.Type == "email").Value);
        Assert.Equal("Claims Person", jwt.Claims.Single(c => c.Type == "name").Value);
        Assert.Equal("tickr", jwt.Issuer);
        Assert.Contains("tickr", jwt.Audiences);
    }

    [Fact]
    public async Task An_unconfirmed_account_may_sign_in_and_me_says_so()
    {
        var email = NewEmail("unconfirmed");
        await _app.RegisterAsync(email);

        var login = await _app.LoginAsync(email);

        Assert.Empty(login.GetProperty("errors").EnumerateArray());
        var me = (await _app.DataAsync("{ me { emailConfirmed } }", bearer: login.GetProperty("accessToken").GetString())).GetProperty("me");
        Assert.False(me.GetProperty("emailConfirmed").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_confirmation_token_is_an_InvalidTokenError_and_confirms_nothing()
    {
        var email = NewEmail("wrongtoken");
        await _app.RegisterAsync(email);

        var confirmed = await _app.ConfirmAsync(email, "not-the-token");
        var unknown = await _app.ConfirmAsync(NewEmail("nobody"), _app.TokenFromMail(email, "Confirm"));

        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(confirmed));
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(unknown));
        await using var db = database.CreateContext();
        Assert.False(await db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync());
    }

    [Fact]
    public async Task Confirmation_email_can_be_sent_again_and_the_answer_never_tells_whether_the_account_exists()
    {
        var email = NewEmail("resend");
        await _app.RegisterAsync(email);
        const string mutation = "mutation($input: RequestEmailConfirmationInput!) { requestEmailConfirmation(input: $input) { requested errors { __typename } } }";

        var known = await _app.MutateAsync(mutation, new { input = new { email } });
        var unknown = await _app.MutateAsync(mutation, new { input = new { email = NewEmail("ghost") } });

        Assert.Equal(known.ToString(), unknown.ToString());
        Assert.Equal(2, _app.MailsTo(email).Count);
        var confirmed = await _app.ConfirmAsync(email, _app.TokenFromMail(email, "Confirm"));
        Assert.Empty(confirmed.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_InvalidCredentialsError()
    {
        var email = NewEmail("wrongpw");
        await _app.RegisterAsync(email);

        var wrong = await _app.LoginAsync(email, "not-the-password-1");
        var unknown = await _app.LoginAsync(NewEmail("unknown"), "whatever-password-1");

        Assert.Equal(["InvalidCredentialsError"], IdentityApp.ErrorTypes(wrong));
        Assert.Equal(wrong.GetProperty("errors").ToString(), unknown.GetProperty("errors").ToString());
        Assert.Equal(JsonValueKind.Null, wrong.GetProperty("accessToken").ValueKind);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_and_the_right_password_is_refused_while_locked()
    {
        var email = NewEmail("lockout");
        await _app.RegisterAsync(email);

        // This class configures Tickr:Auth:Lockout:MaxFailedAttempts = 3.
        Assert.Equal(["InvalidCredentialsError"], IdentityApp.ErrorTypes(await _app.LoginAsync(email, "wrong-password-1")));
        Assert.Equal(["InvalidCredentialsError"], IdentityApp.ErrorTypes(await _app.LoginAsync(email, "wrong-password-2")));
        var third = await _app.LoginAsync(email, "wrong-password-3");
        var right = await _app.LoginAsync(email);

        foreach (var locked in new[] { third, right })
        {
            Assert.Equal(["AccountLockedError"], IdentityApp.ErrorTypes(locked));
            var error = locked.GetProperty("errors")[0];
            Assert.Equal("ACCOUNT_LOCKED", error.GetProperty("code").GetString());
            Assert.InRange(error.GetProperty("lockedUntil").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
            Assert.Equal(JsonValueKind.Null, locked.GetProperty("accessToken").ValueKind);
        }
    }

    [Fact]
    public async Task Password_reset_by_emailed_token_replaces_the_password_signs_out_sessions_and_unlocks()
    {
        var email = NewEmail("reset");
        var (_, refreshToken, _) = await _app.SignedInUserAsync(email);
        for (var i = 0; i < 3; i++)
        {
            await _app.LoginAsync(email, "wrong-password-" + i);
        }
        Assert.Equal(["AccountLockedError"], IdentityApp.ErrorTypes(await _app.LoginAsync(email)));

        var requested = await _app.MutateAsync(
            "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { requested errors { __typename } } }",
            new { input = new { email } });
        Assert.True(requested.GetProperty("requested").GetBoolean());
        var token = _app.TokenFromMail(email, "mot de passe");
        Assert.Contains("https://tickr.example.tn/app/reset-password?email=", _app.MailsTo(email)[^1].TextBody, StringComparison.Ordinal);

        const string reset = """
            mutation($input: ResetPasswordInput!) { resetPassword(input: $input) {
              user { email } errors { __typename ... on PasswordRejectedError { reasons } } } }
            """;
        var weak = await _app.MutateAsync(reset, new { input = new { email, token, newPassword = "short" } });
        Assert.Equal(["PasswordRejectedError"], IdentityApp.ErrorTypes(weak));
        var done = await _app.MutateAsync(reset, new { input = new { email, token, newPassword = "second-password-2" } });
        Assert.Empty(done.GetProperty("errors").EnumerateArray());

        Assert.Equal(["InvalidCredentialsError"], IdentityApp.ErrorTypes(await _app.LoginAsync(email)));
        Assert.Empty((await _app.LoginAsync(email, "second-password-2")).GetProperty("errors").EnumerateArray());
        // The reset token worked once; the session from before the reset is signed out.
        var again = await _app.MutateAsync(reset, new { input = new { email, token, newPassword = "third-password-3" } });
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(again));
        var refresh = await _app.MutateAsync(
            "mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken errors { __typename } } }",
            new { input = new { refreshToken } });
        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(refresh));
    }

    [Fact]
    public async Task Password_reset_of_an_unknown_address_succeeds_and_sends_nothing()
    {
        var email = NewEmail("noaccount");

        var requested = await _app.MutateAsync(
            "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { requested errors { __typename } } }",
            new { input = new { email } });

        Assert.True(requested.GetProperty("requested").GetBoolean());
        Assert.Empty(requested.GetProperty("errors").EnumerateArray());
        Assert.Empty(_app.MailsTo(email));
    }

    [Theory]
    [InlineData("not-an-email", "first-password-1", "Name", "InvalidInputError", "email")]
    [InlineData("someone@example", "first-password-1", "Name", "InvalidInputError", "email")]
    [InlineData("valid@example.tn", "first-password-1", "   ", "InvalidInputError", "displayName")]
    public async Task Invalid_registration_input_is_a_typed_error(string email, string password, string displayName, string type, string field)
    {
        var payload = await _app.RegisterAsync(email.Replace("valid@", $"valid-{Guid.NewGuid():N}@", StringComparison.Ordinal), password, displayName);

        Assert.Equal([type], IdentityApp.ErrorTypes(payload));
        Assert.Equal(field, payload.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task Short_password_is_a_PasswordRejectedError_with_its_reasons_and_no_account_is_created()
    {
        var email = NewEmail("shortpw");

        var payload = await _app.RegisterAsync(email, "abc");

        Assert.Equal(["PasswordRejectedError"], IdentityApp.ErrorTypes(payload));
        Assert.NotEmpty(payload.GetProperty("errors")[0].GetProperty("reasons").EnumerateArray());
        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.Empty(_app.MailsTo(email));
    }

    [Fact]
    public async Task Duplicate_email_is_an_EmailTakenError_whatever_its_case()
    {
        var email = NewEmail("dup");
        await _app.RegisterAsync(email);

        var again = await _app.RegisterAsync(email.ToUpperInvariant());

        Assert.Equal(["EmailTakenError"], IdentityApp.ErrorTypes(again));
        Assert.Equal("EMAIL_TAKEN", again.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_address_create_one_account()
    {
        var email = NewEmail("race");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _app.RegisterAsync(email)));

        Assert.Single(results, r => r.GetProperty("errors").GetArrayLength() == 0);
        Assert.All(results.Where(r => r.GetProperty("errors").GetArrayLength() > 0), r => Assert.Equal(["EmailTakenError"], IdentityApp.ErrorTypes(r)));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email));
    }
}
