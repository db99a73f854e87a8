using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tickr.Client;

/// <summary>Writes an operation's variables as one JSON object, each value through the generated JSON context.</summary>
public sealed class GraphQLVariablesWriter
{
    private readonly JsonSerializerOptions _options;
    private ArrayBufferWriter<byte>? _buffer;
    private Utf8JsonWriter? _writer;

    public GraphQLVariablesWriter(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public void Write<T>(string name, T value)
    {
        if (_writer is null)
        {
            _buffer = new ArrayBufferWriter<byte>(256);
            _writer = new Utf8JsonWriter(_buffer);
            _writer.WriteStartObject();
        }
        _writer.WritePropertyName(name);
        JsonSerializer.Serialize(_writer, value, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)));
    }

    /// <summary>The variables object's UTF-8 JSON; null when there are none.</summary>
    public ReadOnlyMemory<byte>? ToJson()
    {
        if (_writer is null)
        {
            return null;
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Dispose();
        _writer = null;
        return _buffer!.WrittenMemory.ToArray();
    }
}
