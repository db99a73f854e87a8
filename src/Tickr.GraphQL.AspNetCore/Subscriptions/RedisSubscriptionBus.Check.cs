using System.Globalization;
using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The subscription check: StackExchange.Redis 1.x can lose a channel subscription around a reconnect without any
/// error (issues #273, #1110: its fire-and-forget re-subscription can be followed by a stray UNSUBSCRIBE, or skipped
/// while the connection is half established), and a lost subscription silently cuts this instance off from the
/// other instances' messages. So after a restored connection (once the client had time to re-subscribe by itself) and
/// periodically, the bus compares what it needs with what is there, and re-subscribes only what is missing:
/// <list type="number">
/// <item>the client's view: a topic whose channel StackExchange.Redis no longer attaches to a server
/// (<see cref="ISubscriber.SubscribedEndpoint"/> is null) is missing;</item>
/// <item>the server's view (own multiplexer only): the bus names its connections uniquely (CLIENT SETNAME through
/// ClientName), and <c>CLIENT LIST</c> gives its subscription connection's channel count (<c>sub=</c>). Fewer channels
/// than the topics that were subscribed before and after the count was read means some are missing server-side even
/// though the client believes them subscribed; which ones Redis cannot tell, so all of them are re-asserted.</item>
/// </list>
/// Re-asserting a channel replaces the entry's queue (UNSUBSCRIBE then SUBSCRIBE), under the topic's gate: an entry never
/// has two queues (no duplicate deliveries) and gets none after the last subscriber left (no leaked channel).
/// </summary>
public sealed partial class RedisSubscriptionBus
{
    private readonly SemaphoreSlim _checkRequested = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _checking;
    /// <summary>The unique name of the bus's own connections; null on a shared multiplexer (no server-side view).</summary>
    private string? _clientName;
    private int _serverViewUnavailable;
    private int _missingSubscriptions;
    private long _resubscribed;
    private int _missingLogged;

    /// <summary>
    /// Channel subscriptions the last check found missing and re-asserted (0 when all were in place). The health check
    /// reports Degraded while it is not 0; the next check (shortly after a repair) tells whether the repair worked.
    /// </summary>
    public int MissingSubscriptionCount => Volatile.Read(ref _missingSubscriptions);

    /// <summary>Channel subscriptions re-asserted by the subscription check since the bus started.</summary>
    public long ResubscribedCount => Interlocked.Read(ref _resubscribed);

    /// <summary>Runs a subscription check now (tests, diagnostics); false when Redis is not connected.</summary>
    internal async Task<bool> CheckSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await _connecting.ConfigureAwait(false);
        if (multiplexer is not { IsConnected: true })
        {
            return false;
        }

        await CheckSubscriptionsAsync(multiplexer, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static void ValidateCheckOptions(RedisSubscriptionBusOptions options)
    {
        if (options.SubscriptionCheckInterval <= TimeSpan.Zero && options.SubscriptionCheckInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SubscriptionCheckInterval, "SubscriptionCheckInterval must be positive or Timeout.InfiniteTimeSpan.");
        }

        if (options.ReconnectCheckDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReconnectCheckDelay, "ReconnectCheckDelay must not be negative.");
        }
    }

    private void ConfigureForSubscriptionCheck(ConfigurationOptions configuration)
    {
        // A name no other connection has: CLIENT LIST then identifies this bus's subscription connection.
        _clientName = string.Create(CultureInfo.InvariantCulture, $"{(string.IsNullOrWhiteSpace(configuration.ClientName) ? "tickr" : configuration.ClientName)}-bus-{_origin:N}");
        configuration.ClientName = _clientName;
        // StackExchange.Redis otherwise subscribes its own "master changed" broadcast channel on the same connection;
        // the bus never changes masters, and without it the connection's channel count is exactly the bus's topics.
        configuration.ConfigurationChannel = "";
    }

    private void RequestSubscriptionCheck()
    {
        try
        {
            _checkRequested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A check is already requested.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task CheckLoopAsync()
    {
        var token = _stopping.Token;
        var multiplexer = await _connecting.ConfigureAwait(false);
        if (multiplexer is null)
        {
            return;
        }

        while (!token.IsCancellationRequested)
        {
            try
            {
                if (await _checkRequested.WaitAsync(_options.SubscriptionCheckInterval, token).ConfigureAwait(false))
                {
                    // After a reconnect: let StackExchange.Redis re-subscribe first, then check what it did.
                    await Task.Delay(_options.ReconnectCheckDelay, token).ConfigureAwait(false);
                }

                if (multiplexer.IsConnected)
                {
                    await CheckSubscriptionsAsync(multiplexer, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis went away mid-check, a timeout…: the next reconnect or interval checks again.
                SubscriptionLog.SubscriptionCheckFailed(_logger, ex);
            }
        }
    }

    private async Task StopCheckLoopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _checking.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task CheckSubscriptionsAsync(IConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        var subscriber = multiplexer.GetSubscriber();
        var active = ActiveTopics();
        if (active.Count == 0)
        {
            Volatile.Write(ref _missingSubscriptions, 0);
            return;
        }

        // 1. The client's view: exact per channel.
        var missing = active.Where(topic => subscriber.SubscribedEndpoint(topic.Channel) is null).ToList();

        // 2. The server's view: a count for this bus's subscription connection.
        if (_clientName is not null && Volatile.Read(ref _serverViewUnavailable) == 0)
        {
            // Round trip on the subscription connection: every SUBSCRIBE sent before is processed when it returns.
            await subscriber.PingAsync().WaitAsync(_options.SubscribeTimeout, cancellationToken).ConfigureAwait(false);
            var count = await ServerSubscriptionCountAsync(multiplexer, cancellationToken).ConfigureAwait(false);
            // Topics that left meanwhile may or may not be counted; only those present throughout must be.
            var stable = active.Where(topic => !topic.Removed).ToList();
            if (count is long subscribed && subscribed + missing.Count(topic => !topic.Removed) < stable.Count)
            {
                missing = stable;
            }
        }

        Volatile.Write(ref _missingSubscriptions, missing.Count);
        if (missing.Count == 0)
        {
            Volatile.Write(ref _missingLogged, 0);
            return;
        }

        var resubscribed = Resubscribe(subscriber, missing);
        if (Interlocked.Exchange(ref _missingLogged, 1) == 0)
        {
            SubscriptionLog.SubscriptionsMissing(_logger, missing.Count, active.Count, missing[0].Channel.ToString(), resubscribed);
        }
        else
        {
            SubscriptionLog.SubscriptionsStillMissing(_logger, missing.Count, resubscribed);
        }

        // Check the repair soon, not an interval later.
        RequestSubscriptionCheck();
    }

    /// <summary>Topics whose queue is registered with StackExchange.Redis and confirmed, and that still have subscribers.</summary>
    private List<RedisTopic> ActiveTopics()
    {
        var active = new List<RedisTopic>();
        foreach (var topic in _topics.Topics)
        {
            lock (topic.Gate)
            {
                // A first subscription still waiting for its confirmation is not missing, only not there yet.
                if (topic.Queue is not null && !topic.Removed && topic.Subscribed.Task.IsCompleted)
                {
                    active.Add(topic);
                }
            }
        }

        return active;
    }

    private int Resubscribe(ISubscriber subscriber, List<RedisTopic> topics)
    {
        var resubscribed = 0;
        foreach (var topic in topics)
        {
            lock (topic.Gate)
            {
                if (topic.Removed || topic.Queue is not { } queue)
                {
                    continue;
                }

                // The entry's queue out, a new one in: StackExchange.Redis drops its record of the channel (UNSUBSCRIBE if
                // it was the channel's last queue) and creates a new one (SUBSCRIBE), both on the subscription connection,
                // in order. One queue per entry afterwards, as before, so no message is delivered twice. Counted first:
                // observable as soon as Redis sees the SUBSCRIBE.
                Interlocked.Increment(ref _resubscribed);
                queue.Unsubscribe(CommandFlags.FireAndForget);
                topic.Queue = Listen(subscriber, topic);
            }

            resubscribed++;
        }

        return resubscribed;
    }

    /// <summary>
    /// The number of channels (and patterns) Redis has for this bus's subscription connection; null when that
    /// connection is not found (reconnecting, or the bus is spread over several endpoints) or CLIENT is not allowed.
    /// </summary>
    private async Task<long?> ServerSubscriptionCountAsync(IConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        string? list;
        long interactiveId;
        try
        {
            var database = multiplexer.GetDatabase();
            // CLIENT ID and CLIENT LIST go over the same interactive connection: its id tells it apart from the
            // subscription connection (both carry the bus's name).
            interactiveId = (long)await database.ExecuteAsync("CLIENT", "ID").WaitAsync(_options.SubscribeTimeout, cancellationToken).ConfigureAwait(false);
            list = (string?)await database.ExecuteAsync("CLIENT", "LIST").WaitAsync(_options.SubscribeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisServerException or RedisCommandException)
        {
            // CLIENT renamed or forbidden (some managed Redis), or refused by StackExchange.Redis 2+ on a multiplexer without
            // admin mode (the bus does not turn admin mode on for this): the client's view still catches what it lost.
            if (Interlocked.Exchange(ref _serverViewUnavailable, 1) == 0)
            {
                SubscriptionLog.SubscriptionServerViewUnavailable(_logger, ex.Message);
            }

            return null;
        }

        return ParseSubscriptionCount(list, _clientName!, interactiveId);
    }

    /// <summary>
    /// In CLIENT LIST output, the channel + pattern count of the newest connection named <paramref name="name"/> other
    /// than <paramref name="excludeId"/>; null if there is none.
    /// </summary>
    internal static long? ParseSubscriptionCount(string? clientList, string name, long excludeId)
    {
        long? count = null;
        var newest = long.MinValue;
        foreach (var line in (clientList ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string? lineName = null;
            long id = -1, sub = 0, psub = 0;
            foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = field.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var value = field.AsSpan(equals + 1);
                switch (field.AsSpan(0, equals))
                {
                    case "id":
                        _ = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id);
                        break;
                    case "name":
                        lineName = value.ToString();
                        break;
                    case "sub":
                        _ = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out sub);
                        break;
                    case "psub":
                        _ = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out psub);
                        break;
                }
            }

            if (lineName == name && id != excludeId && id > newest)
            {
                newest = id;
                count = sub + psub;
            }
        }

        return count;
    }
}
