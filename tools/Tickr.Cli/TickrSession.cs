using Microsoft.Extensions.DependencyInjection;
using Tickr.Client;

namespace Tickr.Cli;

/// <summary>
/// One command's connection to a server: the endpoint (--server, TICKR_SERVER, the last login's, or the default),
/// the stored tokens of that endpoint, and the typed client (registered with <c>AddTickrClient</c>). The access token
/// is refreshed with the refresh token when it is about to expire, and the new pair is saved.
/// </summary>
public sealed class TickrSession : IAsyncDisposable
{
    public const string DefaultEndpoint = "http://localhost:5080/graphql";
    public const string ServerVariable = "TICKR_SERVER";

    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    /// <summary>Set while the refresh mutation runs, so that it goes out without the (expired) access token.</summary>
    private static readonly AsyncLocal<bool> Refreshing = new();

    private readonly ServiceProvider _services;
    private readonly CredentialStore _store;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    private TickrSession(Uri endpoint, CredentialStore store, ServerCredentials? credentials)
    {
        Endpoint = endpoint;
        _store = store;
        Credentials = credentials;
        var services = new ServiceCollection();
        services.AddTickrClient(o =>
        {
            o.Endpoint = endpoint;
            o.AccessTokenProvider = GetAccessTokenAsync;
            // A terminal user waits for a lost socket a little, not for minutes.
            o.MaxReconnectAttempts = 5;
            o.MaxReconnectDelay = TimeSpan.FromSeconds(5);
        });
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ITickrClient>();
    }

    public Uri Endpoint { get; }

    public string EndpointKey => Endpoint.ToString();

    public ITickrClient Client { get; }

    /// <summary>The stored tokens for <see cref="Endpoint"/>; null when not signed in there.</summary>
    public ServerCredentials? Credentials { get; private set; }

    public CredentialStore Store => _store;

    /// <summary>Opens a session; with <paramref name="requireSignIn"/>, fails unless tokens are stored for the server.</summary>
    public static TickrSession Open(CliHost host, string? serverOption, bool requireSignIn)
    {
        var store = new CredentialStore(host.ResolveConfigDirectory());
        var file = store.Load();
        var endpoint = ResolveEndpoint(serverOption, host.Environment(ServerVariable), file.Current);
        file.Servers.TryGetValue(endpoint.ToString(), out var credentials);
        if (requireSignIn && credentials is null)
        {
            throw new CliException($"Not signed in to {endpoint}: run `tickr login` first.");
        }
        return new TickrSession(endpoint, store, credentials);
    }

    /// <summary>--server, else TICKR_SERVER, else the server of the last login, else http://localhost:5080/graphql.</summary>
    public static Uri ResolveEndpoint(string? option, string? environment, string? current)
    {
        var text = new[] { option, environment, current }.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? DefaultEndpoint;
        return NormalizeEndpoint(text);
    }

    /// <summary>An absolute http(s) URL; a bare host (http://localhost:5080) gets the /graphql path.</summary>
    public static Uri NormalizeEndpoint(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"'{text}' is not a server address: give the GraphQL endpoint, e.g. {DefaultEndpoint}.");
        }
        var builder = new UriBuilder(uri);
        if (builder.Path is "" or "/")
        {
            builder.Path = "/graphql";
        }
        else if (builder.Path.Length > 1 && builder.Path.EndsWith('/'))
        {
            builder.Path = builder.Path.TrimEnd('/');
        }
        return builder.Uri;
    }

    /// <summary>Stores new tokens for this server and makes it the current one.</summary>
    public void SaveCredentials(ServerCredentials credentials)
    {
        var file = _store.Load();
        file.Servers[EndpointKey] = credentials;
        file.Current = EndpointKey;
        _store.Save(file);
        Credentials = credentials;
    }

    /// <summary>Forgets this server's tokens.</summary>
    public void ForgetCredentials()
    {
        var file = _store.Load();
        file.Servers.Remove(EndpointKey);
        if (file.Current == EndpointKey)
        {
            file.Current = null;
        }
        _store.Save(file);
        Credentials = null;
    }

    private async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Refreshing.Value || Credentials is not { } credentials)
        {
            return null;
        }
        if (!NeedsRefresh(credentials))
        {
            return credentials.AccessToken;
        }
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Credentials is { } current && NeedsRefresh(current))
            {
                await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
            }
            return Credentials?.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private static bool NeedsRefresh(ServerCredentials credentials) =>
        credentials.AccessTokenExpiresAt != default && credentials.AccessTokenExpiresAt - ExpiryMargin <= DateTimeOffset.UtcNow;

    private async Task RefreshAsync(ServerCredentials current, CancellationToken cancellationToken)
    {
        if (current.RefreshTokenExpiresAt != default && current.RefreshTokenExpiresAt <= DateTimeOffset.UtcNow)
        {
            throw new CliException($"Your session on {Endpoint} has expired: run `tickr login` again.");
        }
        Refreshing.Value = true;
        GraphQLResponse<RefreshTokenResult> response;
        try
        {
            response = await Client.RefreshTokenAsync(new RefreshTokenInput { RefreshToken = current.RefreshToken }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Refreshing.Value = false;
        }
        var payload = response.EnsureData().RefreshToken;
        if (payload.Errors.Count > 0 || payload.AccessToken is null || payload.RefreshToken is null)
        {
            throw new CliException($"Your session on {Endpoint} could not be renewed ({Output.Describe(payload.Errors)}): run `tickr login` again.");
        }
        SaveCredentials(new ServerCredentials
        {
            Email = current.Email,
            UserId = current.UserId,
            AccessToken = payload.AccessToken,
            AccessTokenExpiresAt = payload.AccessTokenExpiresAt ?? default,
            RefreshToken = payload.RefreshToken,
            RefreshTokenExpiresAt = payload.RefreshTokenExpiresAt ?? default,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        _refreshGate.Dispose();
    }
}
