using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Utilities;

/// <summary>
/// Default values as introspection and SDL print them. graphql-js coerces a default literal into an internal value
/// (valueFromAST) and prints it back (astFromValue), which normalizes it: Float <c>1.0</c> → <c>1</c>, a single item
/// for a list type → <c>[item]</c>, input object fields in declaration order with their own defaults filled in.
/// This mirrors that so both print the same text.
/// </summary>
public static class DefaultValues
{
    /// <summary>The printed default of an input value (cached on it), or null when it has none.</summary>
    public static string? Print(InputValue value)
    {
        if (value.DefaultValue is null) return null;
        var cache = value.PrintedDefaultCache;
        if (cache is not null && ReferenceEquals(cache.Literal, value.DefaultValue) && ReferenceEquals(cache.Type, value.Type))
        {
            return cache.Text;
        }
        var normalized = Normalize(value.DefaultValue, value.Type) ?? value.DefaultValue;
        var text = LiteralPrinter.Print(normalized);
        value.PrintedDefaultCache = new Printed(value.DefaultValue, value.Type, text);
        return text;
    }

    /// <summary>A printed default and what it was printed from (an immutable object, so racing readers see it whole).</summary>
    internal sealed record Printed(ValueNode Literal, IGraphQLType Type, string Text);

    /// <summary>
    /// The literal as graphql-js would print it after coercing it to <paramref name="type"/>; null when the literal is
    /// not a valid value of the type.
    /// </summary>
    public static ValueNode? Normalize(ValueNode literal, IGraphQLType type) => Normalize(literal, type, 0);

    private static ValueNode? Normalize(ValueNode literal, IGraphQLType type, int depth)
    {
        if (depth > 512 || literal is VariableNode) return null;
        if (type is NonNullType nn)
        {
            return literal is NullValueNode ? null : Normalize(literal, nn.OfType, depth + 1);
        }
        if (literal is NullValueNode) return NullValueNode.Instance;
        switch (type)
        {
            case ListType list:
                if (literal is ListValueNode lv)
                {
                    var items = new List<ValueNode>(lv.Values.Count);
                    foreach (var item in lv.Values)
                    {
                        var n = Normalize(item, list.OfType, depth + 1);
                        if (n is null) return null;
                        items.Add(n);
                    }
                    return new ListValueNode { Values = items };
                }
                var single = Normalize(literal, list.OfType, depth + 1);
                return single is null ? null : new ListValueNode { Values = [single] };
            case InputObjectType io:
                if (literal is not ObjectValueNode ov) return null;
                var fields = new List<ObjectFieldNode>();
                foreach (var field in io.Fields)
                {
                    ObjectFieldNode? given = null;
                    foreach (var f in ov.Fields)
                    {
                        if (f.Name.Value == field.Name)
                        {
                            given = f;
                            break;
                        }
                    }
                    ValueNode? value;
                    if (given is null)
                    {
                        if (field.DefaultValue is not null)
                        {
                            value = Normalize(field.DefaultValue, field.Type, depth + 1);
                            if (value is null) return null;
                        }
                        else if (field.Type is NonNullType)
                        {
                            return null;
                        }
                        else
                        {
                            continue;
                        }
                    }
                    else
                    {
                        value = Normalize(given.Value, field.Type, depth + 1);
                        if (value is null) return null;
                    }
                    fields.Add(new ObjectFieldNode { Name = new NameNode(field.Name), Value = value });
                }
                if (io.IsOneOf && (fields.Count != 1 || fields[0].Value is NullValueNode)) return null;
                return new ObjectValueNode { Fields = fields };
            case EnumType e:
                return literal is EnumValueNode ev && e.Values.Contains(ev.Value) ? new EnumValueNode { Value = ev.Value } : null;
            case ScalarType s:
                if (!s.TryParseLiteral(literal, out var runtime)) return null;
                if (runtime is null) return NullValueNode.Instance;
                try
                {
                    return s.ValueToLiteral(runtime);
                }
                catch (ArgumentException)
                {
                    return null;
                }
            default:
                return null;
        }
    }
}
