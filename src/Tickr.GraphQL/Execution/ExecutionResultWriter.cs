using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// Writes an <see cref="ExecutionResult"/> as the JSON response of spec §7.1: <c>errors</c> first when present,
/// then <c>data</c> (when execution started), then <c>extensions</c>. Errors are
/// <c>{message, locations:[{line,column}], path, extensions:{code, …}}</c>.
/// </summary>
public static class ExecutionResultWriter
{
    private const int MaxDepth = 1000;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        Indented = false,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes the result to a stream (the stream is not flushed or closed beyond the JSON writer's own flush).</summary>
    public static void Write(Stream stream, ExecutionResult result)
    {
        var writer = RentWriter();
        writer.Reset(stream);
        try
        {
            Write(writer, result);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    /// <summary>Writes the result into a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> output, ExecutionResult result)
    {
        var writer = RentWriter();
        writer.Reset(output);
        try
        {
            Write(writer, result);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    /// <summary>The result as a JSON string.</summary>
    public static string ToJson(ExecutionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, result);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Utf8JsonWriter RentWriter() => t_writer ??= new Utf8JsonWriter(Stream.Null, WriterOptions);

    /// <summary>Writes the result with a caller-owned JSON writer (not flushed).</summary>
    public static void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName("errors"u8);
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                WriteError(writer, error);
            }
            writer.WriteEndArray();
        }
        if (result.HasData || result.Data is not null)
        {
            writer.WritePropertyName("data"u8);
            if (result.Data is null) writer.WriteNullValue();
            else WriteValue(writer, result.Data, 0);
        }
        if (result.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions"u8);
            WriteValue(writer, extensions, 0);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one error object.</summary>
    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        if (error.Locations is { Count: > 0 } locations)
        {
            writer.WritePropertyName("locations"u8);
            writer.WriteStartArray();
            foreach (var location in locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line"u8, location.Line);
                writer.WriteNumber("column"u8, location.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (error.Path is { } path)
        {
            writer.WritePropertyName("path"u8);
            writer.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int index) writer.WriteNumberValue(index);
                else writer.WriteStringValue(segment.ToString());
            }
            writer.WriteEndArray();
        }
        writer.WritePropertyName("extensions"u8);
        writer.WriteStartObject();
        writer.WriteString("code"u8, error.Code);
        if (error.Extensions is { } extensions)
        {
            foreach (var (key, value) in extensions)
            {
                if (key == "code") continue;
                writer.WritePropertyName(key);
                WriteValue(writer, value, 1);
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes a result value (maps, lists and leaves as produced by execution, or JSON-like values).</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            writer.WriteNullValue();
            return;
        }
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case ResultMap map:
            {
                writer.WriteStartObject();
                var fields = map.Fields;
                var slots = map.Slots;
                for (var i = 0; i < fields.Length; i++)
                {
                    if (fields[i].EncodedKey is { } encoded) writer.WritePropertyName(encoded);
                    else writer.WritePropertyName(fields[i].ResponseKey);
                    WriteValue(writer, slots[i], depth + 1);
                }
                writer.WriteEndObject();
                return;
            }
            case ResultList list:
            {
                writer.WriteStartArray();
                foreach (var item in list.Slots)
                {
                    WriteValue(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                return;
            }
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case double d:
                if (double.IsFinite(d)) writer.WriteNumberValue(d);
                else writer.WriteNullValue();
                return;
            case float f:
                if (float.IsFinite(f)) writer.WriteNumberValue(f);
                else writer.WriteNullValue();
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                return;
            case uint ui:
                writer.WriteNumberValue(ui);
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                return;
            case DateTime dt:
                writer.WriteStringValue(dt);
                return;
            case Guid g:
                writer.WriteStringValue(g);
                return;
            case IReadOnlyDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable)
                {
                    WriteValue(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                writer.WriteStringValue(value.ToString());
                return;
        }
    }
}
