namespace Tickr.Graph.Tests.Identity;

/// <summary>
/// The account and session flows on the embedded SQLite database (what <c>dotnet run</c> uses with no configuration):
/// the same mutations behave the same on both providers.
/// </summary>
public sealed class SqliteIdentityTests : IAsyncLifetime
{
    private const string Refresh = "mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { refreshToken errors { __typename } } }";

    private IdentityApp _app = null!;

    public Task InitializeAsync()
    {
        _app = IdentityApp.Start(null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Register_confirm_login_refresh_reuse_and_api_keys_work_on_SQLite()
    {
        var email = $"sqlite-{Guid.NewGuid():N}@example.tn";
        var (accessToken, first, _) = await _app.SignedInUserAsync(email);
        Assert.Equal(email, (await _app.DataAsync("{ me { email } }", bearer: accessToken)).GetProperty("me").GetProperty("email").GetString());

        var second = (await _app.MutateAsync(Refresh, new { input = new { refreshToken = first } })).GetProperty("refreshToken").GetString();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _app.MutateAsync(Refresh, new { input = new { refreshToken = second } })));
        Assert.Single(concurrent, r => r.GetProperty("errors").GetArrayLength() == 0);
        Assert.Equal(["RefreshTokenReusedError"], IdentityApp.ErrorTypes(await _app.MutateAsync(Refresh, new { input = new { refreshToken = first } })));

        var organizationId = await _app.CreateOrganizationAsync(accessToken, "SQLite Org " + Guid.NewGuid().ToString("N")[..6]);
        var key = await _app.MutateAsync(
            "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } errors { __typename } } }",
            new { input = new { organizationId, name = "Partner", scope = "READ_ONLY" } },
            accessToken);
        var secret = key.GetProperty("secret").GetString()!;
        Assert.Equal(200, (await _app.SendAsync("{ serverInfo { version } }", apiKey: secret)).Status);
        Assert.Equal(200, (await _app.SendAsync("{ serverInfo { version } }", apiKey: secret)).Status);
        await _app.MutateAsync(
            "mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { errors { __typename } } }",
            new { input = new { apiKeyId = key.GetProperty("apiKey").GetProperty("id").GetString() } },
            accessToken);
        Assert.Equal(401, (await _app.SendAsync("{ serverInfo { version } }", apiKey: secret)).Status);
    }
}
