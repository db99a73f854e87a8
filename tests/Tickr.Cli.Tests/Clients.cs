using Microsoft.Extensions.DependencyInjection;
using Tickr.Client;

namespace Tickr.Cli.Tests;

/// <summary>One user's typed client, registered as consumers do (<c>AddTickrClient</c>), signed in through it.</summary>
public sealed class UserClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private string? _token;

    private UserClient(Uri endpoint)
    {
        var services = new ServiceCollection();
        services.AddTickrClient(o =>
        {
            o.Endpoint = endpoint;
            o.AccessTokenProvider = _ => ValueTask.FromResult(_token);
            o.ReconnectDelay = TimeSpan.FromMilliseconds(100);
        });
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ITickrClient>();
    }

    public ITickrClient Client { get; }

    public Login_Login_User User { get; private set; } = null!;

    public static async Task<UserClient> SignInAsync(Uri endpoint, string email, string password = TickrServer.Password)
    {
        var user = new UserClient(endpoint);
        var login = (await user.Client.LoginAsync(new LoginInput { Email = email, Password = password })).EnsureData().Login;
        Assert.Empty(login.Errors);
        user._token = login.AccessToken ?? throw new InvalidOperationException("no access token");
        user.User = login.User!;
        return user;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Reads a subscription in the background, so that a test can wait for the event it expects.</summary>
public sealed class SubscriptionReader<T> : IAsyncDisposable
    where T : class
{
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Threading.Channels.Channel<T> _received = System.Threading.Channels.Channel.CreateUnbounded<T>();
    private readonly Task _pump;

    public SubscriptionReader(Func<CancellationToken, IAsyncEnumerable<GraphQLResponse<T>>> subscribe)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var response in subscribe(_stop.Token))
                {
                    await _received.Writer.WriteAsync(response.EnsureData());
                }
                _received.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _received.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        });
    }

    /// <summary>Every event received so far, in order.</summary>
    public List<T> Seen { get; } = [];

    /// <summary>Waits for an event that satisfies <paramref name="match"/> (earlier ones are kept in <see cref="Seen"/>).</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var next = await _received.Reader.ReadAsync(limit.Token);
                Seen.Add(next);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching {typeof(T).Name} in time; received {Seen.Count}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}
