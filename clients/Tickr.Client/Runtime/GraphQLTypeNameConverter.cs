using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tickr.Client;

/// <summary>
/// Reads a value of an interface or union type as the generated class of its <c>__typename</c> (which the generator
/// adds to every such selection). The property may come anywhere in the object: a copy of the reader looks ahead.
/// </summary>
public abstract class GraphQLTypeNameConverter<T> : JsonConverter<T>
    where T : class
{
    /// <summary>The generated class for an object of GraphQL type <paramref name="typeName"/>.</summary>
    protected abstract Type GetType(string? typeName);

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object for {typeof(T).Name}.");
        }
        var type = GetType(FindTypeName(reader));
        return (T?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(type));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }

    private static string? FindTypeName(Utf8JsonReader reader)
    {
        // reader is a copy (a struct passed by value): moving it does not move the caller's.
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isTypeName = reader.ValueTextEquals("__typename"u8);
                reader.Read();
                if (isTypeName && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
                reader.Skip();
            }
        }
        return null;
    }
}
