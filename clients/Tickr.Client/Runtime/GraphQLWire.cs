using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tickr.Client;

/// <summary>The JSON of requests and responses (GraphQL over HTTP; graphql-transport-ws payloads are the same shapes).</summary>
internal static class GraphQLWire
{
    /// <summary><c>{"query"|"documentId": …, "operationName": …, "variables": …}</c></summary>
    public static byte[] Request(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, bool persisted)
    {
        var buffer = new ArrayBufferWriter<byte>(operation.Document.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (persisted)
            {
                writer.WriteString("documentId"u8, operation.Id);
            }
            else
            {
                writer.WriteString("query"u8, operation.Document);
            }
            writer.WriteString("operationName"u8, operation.Name);
            if (variables is { } v)
            {
                writer.WritePropertyName("variables"u8);
                writer.WriteRawValue(v.Span, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads <c>{"data", "errors", "extensions"}</c>; throws <see cref="JsonException"/> when the body is not such an object.</summary>
    public static GraphQLResponse<T> Response<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> dataType)
        where T : class
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A GraphQL response is a JSON object.");
        }
        T? data = null;
        List<GraphQLClientError>? errors = null;
        JsonElement? extensions = null;
        var seen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                seen = true;
                data = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, dataType);
            }
            else if (reader.ValueTextEquals("errors"u8))
            {
                reader.Read();
                seen = true;
                errors = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, RuntimeJsonContext.Default.ListGraphQLClientError);
            }
            else if (reader.ValueTextEquals("extensions"u8))
            {
                reader.Read();
                extensions = JsonElement.ParseValue(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!seen)
        {
            throw new JsonException("A GraphQL response has data or errors.");
        }
        return new GraphQLResponse<T>(data, errors, extensions);
    }

    /// <summary>A response made of errors only (graphql-transport-ws <c>error</c> messages carry a bare list).</summary>
    public static GraphQLResponse<T> Errors<T>(ReadOnlySpan<byte> json)
        where T : class =>
        new(null, JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.ListGraphQLClientError));
}
