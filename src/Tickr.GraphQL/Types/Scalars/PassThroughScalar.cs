using System.Globalization;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// A custom scalar whose behaviour is unknown (declared in SDL without an implementation): every literal and value
/// is accepted as it is (literals become JSON-like values), and results are written as resolvers return them.
/// </summary>
public sealed class PassThroughScalar(string name) : ScalarType(name)
{
    public override bool TryParseLiteral(ValueNode literal, out object? value) => TryFromLiteral(literal, out value);

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = externalValue;
        return true;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = runtimeValue;
        return true;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ToLiteral(runtimeValue);

    public override string DescribeExpected() => "any value";

    /// <summary>A literal as a JSON-like value (graphql-js valueFromASTUntyped); false when it holds a variable.</summary>
    internal static bool TryFromLiteral(ValueNode literal, out object? value)
    {
        switch (literal)
        {
            case NullValueNode:
                value = null;
                return true;
            case IntValueNode i:
                if (int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) value = n;
                else if (long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) value = l;
                else value = double.Parse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            case FloatValueNode f:
                value = double.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            case StringValueNode s:
                value = s.Value;
                return true;
            case BooleanValueNode b:
                value = ScalarHelpers.Box(b.Value);
                return true;
            case EnumValueNode e:
                value = e.Value;
                return true;
            case ListValueNode list:
                var items = new List<object?>(list.Values.Count);
                foreach (var item in list.Values)
                {
                    if (!TryFromLiteral(item, out var v))
                    {
                        value = null;
                        return false;
                    }
                    items.Add(v);
                }
                value = items;
                return true;
            case ObjectValueNode obj:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var field in obj.Fields)
                {
                    if (!TryFromLiteral(field.Value, out var v))
                    {
                        value = null;
                        return false;
                    }
                    map[field.Name.Value] = v;
                }
                value = map;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>A JSON-like value as a literal.</summary>
    internal static ValueNode ToLiteral(object? value)
    {
        switch (value)
        {
            case null:
                return NullValueNode.Instance;
            case IReadOnlyDictionary<string, object?> map:
                var fields = new List<ObjectFieldNode>(map.Count);
                foreach (var (k, v) in map)
                {
                    fields.Add(new ObjectFieldNode { Name = new NameNode(k), Value = ToLiteral(v) });
                }
                return new ObjectValueNode { Fields = fields };
            case string s:
                return new StringValueNode { Value = s };
            case System.Collections.IEnumerable list:
                var values = new List<ValueNode>();
                foreach (var item in list) values.Add(ToLiteral(item));
                return new ListValueNode { Values = values };
            default:
                return ScalarHelpers.LiteralFromSerialized(value);
        }
    }
}
