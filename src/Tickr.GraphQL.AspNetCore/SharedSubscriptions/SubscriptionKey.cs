using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Json;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>
/// What makes two subscribers' events identical: the same operation of the same parsed document (the executor's
/// document cache gives one document per text, and persisted ids resolve to their text), the same values of the
/// variables the operation declares (canonical JSON: keys sorted), and the same sharing scope. The source topic is a
/// function of the field's arguments, hence of the operation and variables.
/// </summary>
internal readonly record struct SubscriptionKey(OperationDefinitionNode Operation, string Variables, string Scope)
{
    public bool Equals(SubscriptionKey other) =>
        ReferenceEquals(Operation, other.Operation)
        && string.Equals(Variables, other.Variables, StringComparison.Ordinal)
        && string.Equals(Scope, other.Scope, StringComparison.Ordinal);

    public override int GetHashCode() =>
        HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Operation), StringComparer.Ordinal.GetHashCode(Variables), StringComparer.Ordinal.GetHashCode(Scope));

    public static SubscriptionKey Create(OperationDefinitionNode operation, IReadOnlyDictionary<string, object?>? variables, string scope)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            // Only declared variables count: extra ones are ignored by execution and must not split groups.
            var names = operation.VariableDefinitions.Select(d => d.Variable.Name.Value).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (variables is not null && variables.TryGetValue(name, out var value))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value, 0);
                }
            }
            writer.WriteEndObject();
        }
        return new SubscriptionKey(operation, Encoding.UTF8.GetString(buffer.WrittenSpan), scope);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException("Variables are nested too deeply.");
        }
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(pair.Key);
                    WriteCanonical(writer, pair.Value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case JsonElement element:
                WriteCanonical(writer, Tickr.GraphQL.Execution.JsonVariables.ToValue(element), depth + 1);
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteCanonical(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}
