using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// One published message on its way to a topic's local subscribers. Each subscriber asks for its own
/// type: an in-process message of that type is handed over as is; otherwise it is read from JSON once
/// per type (not once per subscriber). Used by a single fan-out loop, so it is not thread-safe.
/// </summary>
internal sealed class Publication
{
    private readonly string _topic;
    private readonly object? _message;
    private readonly bool _hasMessage;
    private readonly Type? _messageType;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _logger;
    private ReadOnlyMemory<byte>? _utf8;
    private Type? _convertedType;
    private object? _converted;
    private bool _convertedOk;

    private Publication(string topic, object? message, bool hasMessage, Type? messageType, ReadOnlyMemory<byte>? utf8, JsonSerializerOptions json, ILogger logger)
    {
        _topic = topic;
        _message = message;
        _hasMessage = hasMessage;
        _messageType = messageType;
        _utf8 = utf8;
        _json = json;
        _logger = logger;
    }

    /// <summary>An in-process message; <paramref name="utf8"/> is its JSON if already serialized (else made on demand).</summary>
    public static Publication FromMessage<T>(string topic, T message, ReadOnlyMemory<byte>? utf8, JsonSerializerOptions json, ILogger logger)
        => new(topic, message, hasMessage: true, typeof(T), utf8, json, logger);

    /// <summary>A message received as JSON (from Redis).</summary>
    public static Publication FromJson(string topic, ReadOnlyMemory<byte> utf8, JsonSerializerOptions json, ILogger logger)
        => new(topic, null, hasMessage: false, null, utf8, json, logger);

    public bool TryGet<T>(out T value)
    {
        if (_hasMessage && _message is T direct)
        {
            value = direct;
            return true;
        }

        if (_convertedType != typeof(T))
        {
            _convertedType = typeof(T);
            try
            {
                _converted = JsonSerializer.Deserialize<T>(Utf8().Span, _json);
                _convertedOk = true;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                // A subscriber expecting another shape (or a foreign publisher's garbage) must not break the others.
                _converted = null;
                _convertedOk = false;
                SubscriptionLog.MessageNotConvertible(_logger, _topic, typeof(T), ex);
            }
        }

        value = _convertedOk ? (T)_converted! : default!;
        return _convertedOk;
    }

    private ReadOnlyMemory<byte> Utf8()
        => _utf8 ??= JsonSerializer.SerializeToUtf8Bytes(_message, _messageType ?? typeof(object), _json);
}
