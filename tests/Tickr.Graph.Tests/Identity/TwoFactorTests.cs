using System.Text.Json;
using OtpNet;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>
/// Authenticator (TOTP) two-factor sign-in. Codes are computed by Otp.NET, an implementation independent of Identity's,
/// from the key the server hands out, as an authenticator app would.
/// </summary>
public sealed class TwoFactorTests(TickrPostgres database) : IClassFixture<TickrPostgres>, IAsyncLifetime
{
    private const string Complete = """
        mutation($input: CompleteTwoFactorLoginInput!) { completeTwoFactorLogin(input: $input) {
          accessToken refreshToken user { email twoFactorEnabled } errors { __typename ... on Error { code } } } }
        """;

    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.tn";

    /// <summary>
    /// The authenticator code <paramref name="stepsAhead"/> 30-second steps from now. A code works once, so a test that
    /// needs a second code uses the next step's (the server accepts codes up to 90 s ahead, for clock drift).
    /// </summary>
    private static string CodeFor(string secret, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    /// <summary>Sets up and enables two-factor sign-in; returns the base32 secret and the recovery codes.</summary>
    private async Task<(string Secret, string[] RecoveryCodes)> EnableAsync(string accessToken)
    {
        var setup = await _app.MutateAsync("mutation { beginTwoFactorSetup { sharedKey authenticatorUri errors { __typename } } }", bearer: accessToken);
        var uri = new Uri(setup.GetProperty("authenticatorUri").GetString()!);
        Assert.Equal("otpauth", uri.Scheme);
        var secret = System.Web.HttpUtility.ParseQueryString(uri.Query)["secret"]!;
        Assert.Equal(secret, setup.GetProperty("sharedKey").GetString()!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());

        var enabled = await _app.MutateAsync(
            "mutation($input: EnableTwoFactorInput!) { enableTwoFactor(input: $input) { user { twoFactorEnabled } recoveryCodes errors { __typename } } }",
            new { input = new { code = CodeFor(secret) } },
            accessToken);
        Assert.Empty(enabled.GetProperty("errors").EnumerateArray());
        Assert.True(enabled.GetProperty("user").GetProperty("twoFactorEnabled").GetBoolean());
        var codes = enabled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, codes.Length);
        return (secret, codes);
    }

    [Fact]
    public async Task Enabling_needs_a_valid_code_from_the_app()
    {
        var (accessToken, _, _) = await _app.SignedInUserAsync(NewEmail("enable"));
        const string enable = "mutation($input: EnableTwoFactorInput!) { enableTwoFactor(input: $input) { recoveryCodes errors { __typename } } }";

        var early = await _app.MutateAsync(enable, new { input = new { code = "123456" } }, accessToken);
        Assert.Equal(["InvalidStatusError"], IdentityApp.ErrorTypes(early));

        await _app.MutateAsync("mutation { beginTwoFactorSetup { sharedKey } }", bearer: accessToken);
        var wrong = await _app.MutateAsync(enable, new { input = new { code = "000000" } }, accessToken);
        Assert.Equal(["InvalidTwoFactorCodeError"], IdentityApp.ErrorTypes(wrong));
        Assert.False((await _app.DataAsync("{ me { twoFactorEnabled } }", bearer: accessToken)).GetProperty("me").GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task Login_of_a_two_factor_account_returns_a_challenge_that_a_TOTP_code_completes()
    {
        var email = NewEmail("totp");
        var (accessToken, _, _) = await _app.SignedInUserAsync(email);
        var (secret, _) = await EnableAsync(accessToken);

        var login = await _app.LoginAsync(email);
        Assert.Empty(login.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, login.GetProperty("accessToken").ValueKind);
        var challenge = login.GetProperty("twoFactorChallenge");
        var challengeToken = challenge.GetProperty("challengeToken").GetString()!;
        Assert.InRange(challenge.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));

        // The challenge is no access token.
        var (status, _) = await _app.SendAsync("{ me { id } }", bearer: challengeToken);
        Assert.Equal(401, status);

        var wrong = await _app.MutateAsync(Complete, new { input = new { challengeToken, code = "000000" } });
        Assert.Equal(["InvalidTwoFactorCodeError"], IdentityApp.ErrorTypes(wrong));

        var code = CodeFor(secret, 1);
        var done = await _app.MutateAsync(Complete, new { input = new { challengeToken, code } });
        Assert.Empty(done.GetProperty("errors").EnumerateArray());
        var me = await _app.DataAsync("{ me { email twoFactorEnabled } }", bearer: done.GetProperty("accessToken").GetString());
        Assert.True(me.GetProperty("me").GetProperty("twoFactorEnabled").GetBoolean());

        // A code works once (RFC 6238 §5.2), even with a new challenge, while it is still within its validity.
        var again = (await _app.LoginAsync(email)).GetProperty("twoFactorChallenge").GetProperty("challengeToken").GetString();
        var replay = await _app.MutateAsync(Complete, new { input = new { challengeToken = again, code } });
        Assert.Equal(["InvalidTwoFactorCodeError"], IdentityApp.ErrorTypes(replay));
    }

    [Fact]
    public async Task A_recovery_code_completes_the_login_once()
    {
        var email = NewEmail("recovery");
        var (accessToken, _, _) = await _app.SignedInUserAsync(email);
        var (_, codes) = await EnableAsync(accessToken);

        var first = (await _app.LoginAsync(email)).GetProperty("twoFactorChallenge").GetProperty("challengeToken").GetString();
        var done = await _app.MutateAsync(Complete, new { input = new { challengeToken = first, recoveryCode = codes[0] } });
        Assert.Empty(done.GetProperty("errors").EnumerateArray());

        var second = (await _app.LoginAsync(email)).GetProperty("twoFactorChallenge").GetProperty("challengeToken").GetString();
        var reused = await _app.MutateAsync(Complete, new { input = new { challengeToken = second, recoveryCode = codes[0] } });
        Assert.Equal(["InvalidTwoFactorCodeError"], IdentityApp.ErrorTypes(reused));
        var other = await _app.MutateAsync(Complete, new { input = new { challengeToken = second, recoveryCode = codes[1] } });
        Assert.Empty(other.GetProperty("errors").EnumerateArray());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task A_bad_challenge_is_an_InvalidTokenError(string challengeToken)
    {
        var payload = await _app.MutateAsync(Complete, new { input = new { challengeToken, code = "123456" } });

        Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(payload));
    }

    [Fact]
    public async Task A_challenge_signed_with_another_key_or_for_access_is_refused()
    {
        var email = NewEmail("forged");
        var (accessToken, _, userId) = await _app.SignedInUserAsync(email);
        var (secret, _) = await EnableAsync(accessToken);
        var id = IdentityApp.KeyOf(userId).ToString();

        foreach (var forged in new[] { Tokens.Create(id, audience: "tickr:two-factor", key: "another-key-that-is-long-enough-0123456789"), accessToken })
        {
            var payload = await _app.MutateAsync(Complete, new { input = new { challengeToken = forged, code = CodeFor(secret, 1) } });
            Assert.Equal(["InvalidTokenError"], IdentityApp.ErrorTypes(payload));
        }
    }

    [Fact]
    public async Task Disabling_needs_a_code_and_login_is_one_step_again()
    {
        var email = NewEmail("disable");
        var (accessToken, _, _) = await _app.SignedInUserAsync(email);
        var (secret, _) = await EnableAsync(accessToken);
        const string disable = "mutation($input: DisableTwoFactorInput!) { disableTwoFactor(input: $input) { user { twoFactorEnabled } errors { __typename } } }";

        Assert.Equal(["InvalidTwoFactorCodeError"], IdentityApp.ErrorTypes(await _app.MutateAsync(disable, new { input = new { code = "000000" } }, accessToken)));
        var disabled = await _app.MutateAsync(disable, new { input = new { code = CodeFor(secret, 1) } }, accessToken);

        Assert.Empty(disabled.GetProperty("errors").EnumerateArray());
        Assert.False(disabled.GetProperty("user").GetProperty("twoFactorEnabled").GetBoolean());
        var login = await _app.LoginAsync(email);
        Assert.Equal(JsonValueKind.String, login.GetProperty("accessToken").ValueKind);
        Assert.Equal(JsonValueKind.Null, login.GetProperty("twoFactorChallenge").ValueKind);
    }
}
