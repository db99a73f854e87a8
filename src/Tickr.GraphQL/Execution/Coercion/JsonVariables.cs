using System.Text.Json;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// Converts JSON (e.g. a request's <c>variables</c>) into the JSON-like .NET shape the engine consumes:
/// null, bool, string, long (integers that fit), double (other numbers), ordered read-only dictionaries
/// and read-only lists.
/// </summary>
public static class JsonVariables
{
    private const int MaxDepth = 128;

    /// <summary>Converts a JSON object; a JSON null or undefined yields null. Throws <see cref="GraphQLException"/> for non-objects.</summary>
    public static IReadOnlyDictionary<string, object?>? FromJson(JsonElement element)
    {
        return element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Object => (IReadOnlyDictionary<string, object?>)ToValue(element, 0)!,
            _ => throw new GraphQLException("Variables must be a JSON object.", ErrorCodes.BadUserInput),
        };
    }

    /// <summary>Parses JSON text (an object or null). Throws <see cref="GraphQLException"/> for invalid JSON.</summary>
    public static IReadOnlyDictionary<string, object?>? FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return FromJson(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new GraphQLException($"Variables are not valid JSON: {ex.Message}", ErrorCodes.BadUserInput);
        }
    }

    /// <summary>Converts any JSON value into the JSON-like .NET shape.</summary>
    public static object? ToValue(JsonElement element) => ToValue(element, 0);

    private static object? ToValue(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new GraphQLException("Variables are nested too deeply.", ErrorCodes.BadUserInput);
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var map = new OrderedMap(4);
                foreach (var property in element.EnumerateObject())
                {
                    map.Set(property.Name, ToValue(property.Value, depth + 1));
                }
                return map;
            }
            case JsonValueKind.Array:
            {
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(ToValue(item, depth + 1));
                }
                return list.ToArray();
            }
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var l)) return l;
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
