using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests.Identity;

/// <summary>
/// The real server on a test class's PostgreSQL database, with its own pickup folder for emails, and the account flows
/// the Identity tests share: register, read the emailed token, confirm, sign in. Everything goes over HTTP.
/// </summary>
public sealed class IdentityApp : IAsyncDisposable
{
    public const string Password = "first-password-1";

    private IdentityApp(TickrAppFactory factory, string mailDirectory)
    {
        Factory = factory;
        MailDirectory = mailDirectory;
        Client = factory.CreateClient();
    }

    public TickrAppFactory Factory { get; }

    public HttpClient Client { get; }

    public string MailDirectory { get; }

    /// <summary>
    /// A server on <paramref name="database"/> (null: the embedded SQLite default). Rate limits are raised so that tests
    /// doing many sign-ins are not limited, unless <paramref name="configure"/> sets them.
    /// </summary>
    public static IdentityApp Start(TickrPostgres? database, Action<TickrAppFactory>? configure = null)
    {
        var mail = Path.Combine(Path.GetTempPath(), "tickr-tests-mail", Guid.NewGuid().ToString("N"));
        var factory = new TickrAppFactory();
        if (database is not null)
        {
            factory.WithSetting("ConnectionStrings:Tickr", database.ConnectionString);
        }
        factory
            .WithSetting("Tickr:Email:PickupDirectory", mail)
            .WithSetting("Tickr:PublicUrl", "https://tickr.example.tn/app/");
        foreach (var policy in new[] { "Login", "Register", "PasswordReset", "EmailConfirmation", "Refresh" })
        {
            factory.WithSetting($"Tickr:RateLimits:{policy}:PermitLimit", "10000");
        }
        configure?.Invoke(factory);
        return new IdentityApp(factory, mail);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>Posts a GraphQL request with optional variables and credentials; returns the status and the body.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(
        string query,
        object? variables = null,
        string? bearer = null,
        string? apiKey = null,
        string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Runs an operation that must succeed at the GraphQL level (200, no top-level errors); returns <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, string? bearer = null, string? apiKey = null)
    {
        var (status, body) = await SendAsync(query, variables, bearer, apiKey);
        Assert.True(status == 200, $"{status}: {body}");
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    /// <summary>Runs a mutation and returns its payload (the data's only field).</summary>
    public async Task<JsonElement> MutateAsync(string mutation, object? variables = null, string? bearer = null, string? apiKey = null)
    {
        var data = await DataAsync(mutation, variables, bearer, apiKey);
        return data.EnumerateObject().Single().Value;
    }

    /// <summary>The <c>__typename</c>s of a payload's errors.</summary>
    public static string[] ErrorTypes(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("__typename").GetString()!).ToArray();

    public async Task<JsonElement> RegisterAsync(string email, string password = Password, string displayName = "Amira Test", string? locale = null)
    {
        return await MutateAsync(
            """
            mutation($input: RegisterInput!) { register(input: $input) {
              user { id email displayName locale emailConfirmed }
              errors { __typename ... on Error { code message } ... on PasswordRejectedError { reasons } ... on InvalidInputError { field } } } }
            """,
            new { input = new { email, password, displayName, locale } });
    }

    /// <summary>The messages written to the pickup folder for <paramref name="email"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MailsTo(string email)
    {
        if (!Directory.Exists(MailDirectory))
        {
            return [];
        }
        return Directory.GetFiles(MailDirectory, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The token of the latest email to <paramref name="email"/> whose subject contains <paramref name="subject"/>.</summary>
    public string TokenFromMail(string email, string subject)
    {
        var message = MailsTo(email).LastOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase));
        Assert.True(message is not null, $"no email '{subject}' to {email} in {MailDirectory}");
        var text = message!.TextBody ?? "";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var label = lines.IndexOf("Token:");
        Assert.True(label >= 0 && label + 1 < lines.Count, text);
        return lines[label + 1];
    }

    public async Task<JsonElement> ConfirmAsync(string email, string token) =>
        await MutateAsync(
            """
            mutation($input: ConfirmEmailInput!) { confirmEmail(input: $input) {
              user { email emailConfirmed memberships { organization { slug } role } } errors { __typename ... on Error { code } } } }
            """,
            new { input = new { email, token } });

    public async Task<JsonElement> LoginAsync(string email, string password = Password) =>
        await MutateAsync(
            """
            mutation($input: LoginInput!) { login(input: $input) {
              accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email }
              twoFactorChallenge { challengeToken expiresAt }
              errors { __typename ... on Error { code message } ... on AccountLockedError { lockedUntil } ... on RateLimitedError { retryAfterSeconds } } } }
            """,
            new { input = new { email, password } });

    /// <summary>A confirmed account, signed in: its access token, refresh token and user id.</summary>
    public async Task<(string AccessToken, string RefreshToken, string UserId)> SignedInUserAsync(string email, string displayName = "Amira Test")
    {
        var registered = await RegisterAsync(email, displayName: displayName);
        Assert.Empty(registered.GetProperty("errors").EnumerateArray());
        var confirmed = await ConfirmAsync(email, TokenFromMail(email, "Confirm"));
        Assert.Empty(confirmed.GetProperty("errors").EnumerateArray());
        var login = await LoginAsync(email);
        Assert.Empty(login.GetProperty("errors").EnumerateArray());
        return (login.GetProperty("accessToken").GetString()!, login.GetProperty("refreshToken").GetString()!, login.GetProperty("user").GetProperty("id").GetString()!);
    }

    /// <summary>Creates an organization as the signed-in user; returns its id.</summary>
    public async Task<string> CreateOrganizationAsync(string accessToken, string name, string? slug = null)
    {
        var payload = await MutateAsync(
            "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id slug } errors { __typename ... on Error { message } } } }",
            new { input = new { name, slug } },
            accessToken);
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return payload.GetProperty("organization").GetProperty("id").GetString()!;
    }

    /// <summary>The key part of a global id (tests arrange rows directly in the database).</summary>
    public static Guid KeyOf(string globalId)
    {
        var text = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(globalId));
        return Guid.ParseExact(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..], "N");
    }
}
