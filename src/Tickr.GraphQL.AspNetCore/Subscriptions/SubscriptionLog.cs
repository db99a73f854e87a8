using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>The bus's log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class SubscriptionLog
{
    [LoggerMessage(1, LogLevel.Warning, "A message on topic '{Topic}' could not be converted to {Type}; dropped for that subscriber.")]
    public static partial void MessageNotConvertible(ILogger logger, string topic, Type type, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Redis is unreachable: messages published on this instance reach only its own subscribers until it is back ({Reason}).")]
    public static partial void PublishDroppedFirst(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(3, LogLevel.Debug, "Message on topic '{Topic}' not sent to Redis ({Reason}).")]
    public static partial void PublishDropped(ILogger logger, string topic, string reason, Exception? exception);

    [LoggerMessage(4, LogLevel.Warning, "Redis {ConnectionType} connection to {EndPoint} failed ({FailureType}); subscriptions stay open and resume on reconnect.")]
    public static partial void ConnectionFailed(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(5, LogLevel.Information, "Redis {ConnectionType} connection to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(6, LogLevel.Warning, "Redis subscription to channel '{Channel}' not confirmed within {Timeout}; it completes in the background when Redis is reachable.")]
    public static partial void SubscribeSlow(ILogger logger, string channel, TimeSpan timeout);

    [LoggerMessage(7, LogLevel.Warning, "Redis subscription to channel '{Channel}' not confirmed; StackExchange.Redis sends it when the connection is (re)established.")]
    public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "Redis unsubscription from channel '{Channel}' failed.")]
    public static partial void UnsubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Could not create the Redis connection; the bus delivers messages only within this instance.")]
    public static partial void ConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Unexpected error while delivering a Redis message on channel '{Channel}'.")]
    public static partial void DeliveryFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Redis did not answer a PUBLISH within {Timeout}; later messages are queued without waiting until it answers.")]
    public static partial void PublishStalled(ILogger logger, TimeSpan timeout);

    [LoggerMessage(12, LogLevel.Warning, "{Missing} of {Active} Redis channel subscription(s) of this instance were missing (e.g. '{Channel}'): other instances' messages were not reaching its subscribers. Re-subscribed {Resubscribed}.")]
    public static partial void SubscriptionsMissing(ILogger logger, int missing, int active, string channel, int resubscribed);

    [LoggerMessage(13, LogLevel.Debug, "{Missing} Redis channel subscription(s) still missing; re-subscribed {Resubscribed} again.")]
    public static partial void SubscriptionsStillMissing(ILogger logger, int missing, int resubscribed);

    [LoggerMessage(15, LogLevel.Debug, "The Redis subscription check did not complete; it runs again on reconnect or after the interval.")]
    public static partial void SubscriptionCheckFailed(ILogger logger, Exception exception);
}
