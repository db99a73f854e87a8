using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// Long: a signed 64-bit integer, written as a JSON number. Literals must be IntValue; variables integral numbers
/// in range; results any integral CLR number in range, or a numeric string.
/// </summary>
public sealed class LongScalar : ScalarType
{
    // 2^63 is exactly representable as a double; long.MaxValue is not.
    private const double TwoPow63 = 9223372036854775808d;

    public LongScalar()
        : base("Long")
    {
        Description = "The `Long` scalar type represents non-fractional signed whole numeric values between -(2^63) and 2^63 - 1, written as JSON numbers.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is IntValueNode i && long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            value = n;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = ToLong(externalValue);
        return value is not null;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = runtimeValue is string s && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : ToLong(runtimeValue);
        return resultValue is not null;
    }

    private static object? ToLong(object value) => value switch
    {
        long => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        ushort us => (long)us,
        uint ui => (long)ui,
        ulong ul when ul <= long.MaxValue => (long)ul,
        decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
        double or float when ScalarHelpers.TryGetIntegral(value, out var d) && d >= -TwoPow63 && d < TwoPow63 => (long)d,
        _ => null,
    };

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a 64-bit signed integer";

    public override string DescribeLiteralError(ValueNode literal) => literal is IntValueNode i
        ? $"Long cannot represent non 64-bit signed integer value: {i.Value}"
        : $"Long cannot represent non-integer value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) => ScalarHelpers.TryGetIntegral(externalValue, out _)
        ? $"Long cannot represent non 64-bit signed integer value: {JsFormat.Inspect(externalValue)}"
        : $"Long cannot represent non-integer value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) => DescribeValueError(runtimeValue);
}
