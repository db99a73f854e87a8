using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>Shared pieces of the built-in scalars: pre-boxed values and graphql-js style astFromValue.</summary>
internal static class ScalarHelpers
{
    public static readonly object True = true;
    public static readonly object False = false;
    public static readonly object Zero = 0;
    public static readonly object One = 1;

    private static readonly object[] SmallInts = CreateSmallInts();

    private static object[] CreateSmallInts()
    {
        var a = new object[257];
        for (var i = 0; i < a.Length; i++) a[i] = i - 1;
        return a;
    }

    /// <summary>Boxes an int, reusing cached boxes for -1..255 (counts, indexes and flags are mostly small).</summary>
    public static object Box(int value) => (uint)(value + 1) < (uint)SmallInts.Length ? SmallInts[value + 1] : value;

    public static object Box(bool value) => value ? True : False;

    /// <summary>
    /// Turns a serialized scalar value into a literal as graphql-js astFromValue does: booleans, integral numbers as
    /// IntValue, other numbers as FloatValue, strings as StringValue (integer-looking strings as IntValue for ID).
    /// </summary>
    public static ValueNode LiteralFromSerialized(object? serialized, bool isId = false)
    {
        switch (serialized)
        {
            case null:
                return NullValueNode.Instance;
            case bool b:
                return b ? BooleanValueNode.True : BooleanValueNode.False;
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                return new IntValueNode { Value = Convert.ToString(serialized, CultureInfo.InvariantCulture)! };
            case double or float:
                return NumberLiteral(JsFormat.Number(Convert.ToDouble(serialized, CultureInfo.InvariantCulture)));
            case decimal m:
                return NumberLiteral(FormatDecimal(m));
            case string s:
                return isId && IsIntegerString(s) ? new IntValueNode { Value = s } : new StringValueNode { Value = s };
            default:
                throw new ArgumentException($"Cannot convert value to AST: {JsFormat.Inspect(serialized)}.", nameof(serialized));
        }
    }

    /// <summary>
    /// The usual <see cref="ScalarType.ValueToLiteral"/>: serializes <paramref name="runtimeValue"/> with
    /// <paramref name="scalar"/> and turns the result into a literal (<see cref="LiteralFromSerialized"/>); throws
    /// <see cref="ArgumentException"/> with the scalar's serialize error when the value cannot be serialized.
    /// </summary>
    public static ValueNode SerializeToLiteral(ScalarType scalar, object runtimeValue, bool isId = false) =>
        scalar.TrySerialize(runtimeValue, out var s)
            ? LiteralFromSerialized(s, isId)
            : throw new ArgumentException(scalar.DescribeSerializeError(runtimeValue), nameof(runtimeValue));

    private static ValueNode NumberLiteral(string text) =>
        IsIntegerString(text) ? new IntValueNode { Value = text } : new FloatValueNode { Value = text };

    /// <summary>Matches <c>^-?(?:0|[1-9][0-9]*)$</c>, the integer shape astFromValue checks for.</summary>
    public static bool IsIntegerString(string s)
    {
        var i = 0;
        if (s.Length > 0 && s[0] == '-') i = 1;
        if (i >= s.Length) return false;
        if (s[i] == '0') return i + 1 == s.Length;
        for (; i < s.Length; i++)
        {
            if (s[i] is < '0' or > '9') return false;
        }
        return true;
    }

    /// <summary>A decimal without trailing fractional zeros, e.g. 1.50 → "1.5", 2.0 → "2".</summary>
    public static string FormatDecimal(decimal m)
    {
        var s = m.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal))
        {
            s = s.TrimEnd('0').TrimEnd('.');
        }
        return s == "-0" ? "0" : s;
    }

    /// <summary>True when <paramref name="value"/> is an integral number (of any CLR numeric type); gives it as a double.</summary>
    public static bool TryGetIntegral(object value, out double d) =>
        JsFormat.TryGetNumber(value, out d) && !double.IsInfinity(d) && Math.Floor(d) == d;
}
