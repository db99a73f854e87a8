using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The subscription check. StackExchange.Redis re-sends every channel subscription when its subscription connection is
/// re-established, but a SUBSCRIBE that Redis refuses (an ACL that lacks the command or the channel, for example while
/// permissions are being changed) is not tried again before the next reconnect, however long the connection then stays
/// up. The client does know: <see cref="ISubscriber.SubscribedEndpoint"/> is null for that channel. Nothing else tells,
/// and meanwhile this instance's subscribers silently miss every other instance's messages on the topic.
/// So after a restored connection, after a first SUBSCRIBE that did not take, and periodically, the bus re-subscribes the
/// topics with local subscribers whose channel StackExchange.Redis does not report as subscribed. The check reads the
/// client's own state only: it sends nothing to Redis unless something is missing.
/// </summary>
public sealed partial class RedisSubscriptionBus
{
    private readonly SemaphoreSlim _checkRequested = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _checking;
    private int _missingSubscriptions;
    private long _resubscribed;
    private int _missingLogged;

    /// <summary>
    /// Channel subscriptions the last check found missing and re-subscribed (0 when all were in place). The health check
    /// reports Degraded while it is not 0; the next check (shortly after a repair) tells whether the repair worked.
    /// </summary>
    public int MissingSubscriptionCount => Volatile.Read(ref _missingSubscriptions);

    /// <summary>Channel subscriptions re-subscribed by the subscription check since the bus started.</summary>
    public long ResubscribedCount => Interlocked.Read(ref _resubscribed);

    /// <summary>Runs a subscription check now (tests, diagnostics); false when Redis is not connected.</summary>
    internal async Task<bool> CheckSubscriptionsAsync()
    {
        var multiplexer = await _connecting.ConfigureAwait(false);
        if (multiplexer is not { IsConnected: true })
        {
            return false;
        }

        CheckSubscriptions(multiplexer);
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
                    // After a reconnect: StackExchange.Redis re-subscribes by itself; only what it could not do is ours.
                    await Task.Delay(_options.ReconnectCheckDelay, token).ConfigureAwait(false);
                }

                if (multiplexer.IsConnected)
                {
                    CheckSubscriptions(multiplexer);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The multiplexer closing under the check, for example: the next reconnect or interval checks again.
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

    private void CheckSubscriptions(IConnectionMultiplexer multiplexer)
    {
        var subscriber = multiplexer.GetSubscriber();
        var active = ActiveTopics();
        // Only where the subscription connection is up: while it is down (or coming back) every channel lacks an endpoint,
        // and StackExchange.Redis re-subscribes them all when it is back.
        var missing = active
            .Where(topic => subscriber.SubscribedEndpoint(topic.Channel) is null && subscriber.IsConnected(topic.Channel))
            .ToList();

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

        // Check the repair soon, not an interval later (and retry soon if Redis still refuses).
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

                // A new registration is what makes StackExchange.Redis send SUBSCRIBE for a channel it does not hold. The
                // entry's old queue goes first: each queue gets its own copy of every message, so two would deliver twice.
                // The channel delivers nothing meanwhile (that is why it is here), so the swap loses nothing. Counted
                // first: observable once Redis sees the SUBSCRIBE.
                Interlocked.Increment(ref _resubscribed);
                queue.Unsubscribe(CommandFlags.FireAndForget);
                topic.Queue = Listen(subscriber, topic);
            }

            resubscribed++;
        }

        return resubscribed;
    }
}
