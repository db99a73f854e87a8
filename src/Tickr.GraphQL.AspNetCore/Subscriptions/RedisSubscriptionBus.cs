using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The subscription bus shared by every server instance through Redis pub/sub.
/// <para>
/// One multiplexer per bus (register the bus as a singleton), one Redis channel subscription per topic per
/// instance: the first local subscriber of a topic subscribes the channel, the last one unsubscribes it, and
/// received messages fan out to the local subscribers' bounded queues. Messages published here are delivered to
/// local subscribers directly (not via the Redis round trip) and sent with PUBLISH for the other instances.
/// </para>
/// <para>
/// Redis down (at start or later): the application runs (the multiplexer is created with abortConnect=false and
/// keeps reconnecting); <see cref="PublishAsync{T}"/> never throws for it: local subscribers still get the message,
/// other instances miss it (logged once per outage, counted in <see cref="DroppedPublishCount"/>). Subscriber streams
/// stay open: StackExchange.Redis re-subscribes every channel when the connection comes back, and new messages
/// flow again. Messages published during the outage are not replayed (pub/sub is at-most-once).
/// </para>
/// <para>
/// A SUBSCRIBE that Redis refuses (ACL) is not retried by StackExchange.Redis before the next reconnect: after a restored
/// connection and every <see cref="RedisSubscriptionBusOptions.SubscriptionCheckInterval"/> the bus re-subscribes the
/// topics with local subscribers whose channel the client does not hold (see the subscription check).
/// </para>
/// </summary>
public sealed partial class RedisSubscriptionBus : ISubscriptionBus, IAsyncDisposable, IDisposable
{
    private readonly RedisSubscriptionBusOptions _options;
    private readonly ILogger _logger;
    private readonly Task<IConnectionMultiplexer?> _connecting;
    private readonly bool _ownsMultiplexer;
    private readonly TopicTable<RedisTopic> _topics;
    private readonly Func<Subscriber, ValueTask> _unsubscribe;
    private readonly Guid _origin;
    private readonly byte[] _header;
    /// <summary>Bounds the publishes queued without waiting while Redis does not answer (memory during a hang).</summary>
    private const int MaxUnawaitedPublishes = 10_000;

    private long _droppedPublishes;
    private int _unawaitedPublishes;
    private Task? _stalledPublish;
    private int _outageLogged;
    private int _disposed;

    /// <summary>Creates the bus and starts connecting in the background (the constructor never waits for Redis).</summary>
    public RedisSubscriptionBus(RedisSubscriptionBusOptions options, ILogger<RedisSubscriptionBus>? logger = null)
        : this(options, logger, multiplexer: null)
    {
    }

    /// <summary>Uses a multiplexer the application already has (it is not disposed with the bus).</summary>
    public RedisSubscriptionBus(IConnectionMultiplexer multiplexer, RedisSubscriptionBusOptions options, ILogger<RedisSubscriptionBus>? logger = null)
        : this(options, logger, multiplexer ?? throw new ArgumentNullException(nameof(multiplexer)))
    {
    }

    private RedisSubscriptionBus(RedisSubscriptionBusOptions options, ILogger? logger, IConnectionMultiplexer? multiplexer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateCheckOptions(options);
        _options = options;
        _logger = logger ?? NullLogger<RedisSubscriptionBus>.Instance;
        _origin = Guid.NewGuid();
        _header = RedisEnvelope.CreateHeader(_origin);
        _unsubscribe = UnsubscribeAsync;
        _topics = new TopicTable<RedisTopic>(name => new RedisTopic(name, Channel(name)));

        if (multiplexer is not null)
        {
            _ownsMultiplexer = false;
            Attach(multiplexer);
            _connecting = Task.FromResult<IConnectionMultiplexer?>(multiplexer);
        }
        else
        {
            // Parse now so a malformed connection string fails at startup, not on first use.
            var configuration = ConfigurationOptions.Parse(options.ConnectionString);
            configuration.AbortOnConnectFail = false;
            _ownsMultiplexer = true;
            _connecting = ConnectAsync(configuration);
        }

        _checking = CheckLoopAsync();
    }

    /// <summary>
    /// True when the multiplexer has a live connection to Redis (for health checks). False while connecting
    /// and during an outage; the bus keeps working locally and recovers by itself.
    /// </summary>
    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result is { IsConnected: true };

    /// <summary>Messages that could not be sent to Redis (so other instances missed them) since the bus started.</summary>
    public long DroppedPublishCount => Interlocked.Read(ref _droppedPublishes);

    internal int TopicCount => _topics.Count;

    internal int SubscriberCount(string topic) => _topics.SubscriberCount(topic);

    public async ValueTask PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        // Serialization errors are bugs of the caller: they throw, before anything is delivered.
        var json = JsonSerializer.SerializeToUtf8Bytes(message, _options.JsonSerializerOptions);

        if (_topics.TryGet(topic, out var entry))
        {
            var subscribers = entry.Subscribers;
            if (subscribers.Length > 0)
            {
                var publication = Publication.FromMessage(topic, message, json, _options.JsonSerializerOptions, _logger);
                foreach (var subscriber in subscribers)
                {
                    subscriber.Deliver(publication);
                }
            }
        }

        await PublishToRedisAsync(topic, RedisEnvelope.Create(_header, json), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ISourceStream<T>> SubscribeAsync<T>(
        string topic,
        SubscriptionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        var stream = new SourceStream<T>(topic, options ?? _options.DefaultSubscriptionOptions, _unsubscribe);
        var entry = _topics.Add(topic, stream, out var first);
        if (first)
        {
            _ = SubscribeChannelAsync(entry);
        }

        try
        {
            // Later subscribers wait for the same confirmation, so none returns before messages can arrive.
            await entry.Subscribed.Task.WaitAsync(_options.SubscribeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            SubscriptionLog.SubscribeSlow(_logger, entry.Channel.ToString(), _options.SubscribeTimeout);
        }
        catch (OperationCanceledException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            stream.Complete();
        }

        stream.ReleaseWhenCancelled(cancellationToken);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopCheckLoopAsync().ConfigureAwait(false);

        foreach (var topic in _topics.Topics)
        {
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Complete();
            }
        }

        var multiplexer = await _connecting.ConfigureAwait(false);
        if (multiplexer is null)
        {
            return;
        }

        if (_ownsMultiplexer)
        {
            try
            {
                await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
            {
                SubscriptionLog.UnsubscribeFailed(_logger, "*", ex);
            }

            multiplexer.Dispose();
        }
        else
        {
            // A shared multiplexer lives on: remove only this bus's handlers (streams that end meanwhile remove
            // theirs in UnsubscribeAsync; removing a handler twice is harmless).
            foreach (var topic in _topics.Topics.ToArray())
            {
                try
                {
                    await ReleaseQueueAsync(topic).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
                {
                    SubscriptionLog.UnsubscribeFailed(_logger, topic.Channel.ToString(), ex);
                }
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<IConnectionMultiplexer?> ConnectAsync(ConfigurationOptions configuration)
    {
        try
        {
            // With AbortOnConnectFail=false this completes (after ConnectTimeout) even if Redis is down,
            // and the multiplexer keeps retrying in the background.
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            Attach(multiplexer);
            return multiplexer;
        }
        catch (Exception ex)
        {
            SubscriptionLog.ConnectFailed(_logger, ex);
            return null;
        }
    }

    private void Attach(IConnectionMultiplexer multiplexer)
    {
        multiplexer.ConnectionFailed += (_, e) =>
            SubscriptionLog.ConnectionFailed(_logger, e.ConnectionType, e.EndPoint?.ToString(), e.FailureType, e.Exception);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            Volatile.Write(ref _outageLogged, 0);
            SubscriptionLog.ConnectionRestored(_logger, e.ConnectionType, e.EndPoint?.ToString());
            RequestSubscriptionCheck();
        };
    }

    private async Task PublishToRedisAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = await _connecting.WaitAsync(_options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            if (multiplexer is null || !multiplexer.IsConnected)
            {
                // Skip instead of letting the client fail: no exception cost per publish during an outage.
                DropPublish(topic, "not connected", null);
                return;
            }

            var stalled = Volatile.Read(ref _stalledPublish);
            if (stalled is { IsCompleted: false })
            {
                // Redis is connected but not answering (frozen, overloaded): one caller already paid the timeout.
                // Queue behind it without waiting, up to a bound, so mutations are not delayed for the whole hang;
                // StackExchange.Redis sends the queue in order when Redis answers again.
                if (Interlocked.Increment(ref _unawaitedPublishes) > MaxUnawaitedPublishes)
                {
                    Interlocked.Decrement(ref _unawaitedPublishes);
                    DropPublish(topic, "Redis is not answering", null);
                    return;
                }

                ObserveInBackground(topic, multiplexer.GetSubscriber().PublishAsync(Channel(topic), payload), counted: true);
                return;
            }

            var publish = multiplexer.GetSubscriber().PublishAsync(Channel(topic), payload);
            try
            {
                await publish.WaitAsync(_options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Volatile.Write(ref _stalledPublish, publish);
                ObserveInBackground(topic, publish, counted: false);
                SubscriptionLog.PublishStalled(_logger, _options.PublishTimeout);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever the transport did, the mutation that published has committed: never fail it.
            DropPublish(topic, ex.GetType().Name, ex);
        }
    }

    private void ObserveInBackground(string topic, Task publish, bool counted)
        => publish.ContinueWith(
            (task, state) =>
            {
                var bus = (RedisSubscriptionBus)state!;
                if (counted)
                {
                    Interlocked.Decrement(ref bus._unawaitedPublishes);
                }

                if (task.IsFaulted)
                {
                    bus.DropPublish(topic, task.Exception!.InnerException!.GetType().Name, task.Exception.InnerException);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    // Literal: a '*' or '?' in a topic must not turn the channel into a pattern.
    private RedisChannel Channel(string topic) => new(_options.ChannelPrefix + topic, RedisChannel.PatternMode.Literal);

    private void DropPublish(string topic, string reason, Exception? exception)
    {
        Interlocked.Increment(ref _droppedPublishes);
        if (Interlocked.Exchange(ref _outageLogged, 1) == 0)
        {
            SubscriptionLog.PublishDroppedFirst(_logger, reason, exception);
        }
        else
        {
            SubscriptionLog.PublishDropped(_logger, topic, reason, exception);
        }
    }

    private async Task SubscribeChannelAsync(RedisTopic entry)
    {
        try
        {
            var multiplexer = await _connecting.ConfigureAwait(false);
            if (multiplexer is not null)
            {
                var subscriber = multiplexer.GetSubscriber();
                lock (entry.Gate)
                {
                    if (entry.Removed)
                    {
                        return; // the only subscriber already left: nothing to subscribe (finally still signals)
                    }

                    // Under the gate, so the subscription check never replaces a queue that is being registered.
                    entry.Queue = Listen(subscriber, entry);
                }

                // The SUBSCRIBE went out without a reply to wait for; a PING travels on the same subscription connection,
                // so once it is answered Redis has processed the SUBSCRIBE and messages published from now on arrive.
                var ping = subscriber.PingAsync();
                ObserveFault(ping);
                await ping.WaitAsync(_options.SubscribeTimeout).ConfigureAwait(false);
                if (subscriber.SubscribedEndpoint(entry.Channel) is null)
                {
                    // Processed but not taken (refused by an ACL, say): StackExchange.Redis will not try again by itself.
                    RequestSubscriptionCheck();
                }
            }
        }
        catch (Exception ex)
        {
            // Fire-and-forget task: nothing may escape unobserved. The queue stays registered either way:
            // StackExchange.Redis sends its SUBSCRIBE when the connection is (re)established.
            SubscriptionLog.SubscribeFailed(_logger, entry.Channel.ToString(), ex);
        }
        finally
        {
            entry.Subscribed.TrySetResult();
        }
    }

    /// <summary>Registers a new queue for the entry's channel and starts its message loop. Call under the entry's gate.</summary>
    private ChannelMessageQueue Listen(ISubscriber subscriber, RedisTopic entry)
    {
        // FireAndForget registers the queue and returns at once, connected or not. Awaited, the call fails after the
        // client's backlog timeout while Redis is down, although the queue stays registered: the bus would lose track of it.
        var queue = subscriber.Subscribe(entry.Channel, CommandFlags.FireAndForget);
        queue.OnMessage(message => OnRedisMessage(entry, message.Message));
        return queue;
    }

    /// <summary>Unregisters the entry's queue (UNSUBSCRIBE when it was the channel's last one on the multiplexer).</summary>
    private async Task ReleaseQueueAsync(RedisTopic entry)
    {
        ChannelMessageQueue? queue;
        lock (entry.Gate)
        {
            queue = entry.Queue;
        }

        if (queue is not null)
        {
            await queue.UnsubscribeAsync().WaitAsync(_options.SubscribeTimeout).ConfigureAwait(false);
        }
    }

    private static void ObserveFault(Task task)
        => task.ContinueWith(
            static completed => _ = completed.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private async ValueTask UnsubscribeAsync(Subscriber subscriber)
    {
        if (!_topics.Remove(subscriber) || subscriber.Entry is not RedisTopic entry)
        {
            return;
        }

        if (_ownsMultiplexer && Volatile.Read(ref _disposed) != 0)
        {
            return; // the bus is closing its own multiplexer: no need to tell Redis channel by channel
        }

        try
        {
            // After the subscription, never before: otherwise the late SUBSCRIBE would leak the channel.
            await entry.Subscribed.Task.ConfigureAwait(false);
            await ReleaseQueueAsync(entry).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            SubscriptionLog.UnsubscribeFailed(_logger, entry.Channel.ToString(), ex);
        }
    }

    private void OnRedisMessage(RedisTopic entry, RedisValue value)
    {
        try
        {
            var subscribers = entry.Subscribers;
            byte[]? payload = value;
            if (subscribers.Length == 0 || payload is null)
            {
                return;
            }

            var json = RedisEnvelope.Read(payload, _header, out var fromSelf);
            if (fromSelf)
            {
                return; // already delivered locally by PublishAsync
            }

            var publication = Publication.FromJson(entry.Name, json, _options.JsonSerializerOptions, _logger);
            foreach (var subscriber in subscribers)
            {
                subscriber.Deliver(publication);
            }
        }
        catch (Exception ex)
        {
            // Runs in the queue's message loop: an exception here would end the loop and this instance's deliveries.
            SubscriptionLog.DeliveryFailed(_logger, entry.Channel.ToString(), ex);
        }
    }
}
