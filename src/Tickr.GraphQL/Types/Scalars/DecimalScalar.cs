using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// Decimal: an exact base-10 number (<see cref="decimal"/>, 28–29 significant digits), written as a JSON number.
/// Literals may be IntValue or FloatValue; variables any finite number in range.
/// </summary>
public sealed class DecimalScalar : ScalarType
{
    public DecimalScalar()
        : base("Decimal")
    {
        Description = "The `Decimal` scalar type represents exact signed decimal numbers with up to 28 significant digits, such as amounts of money, written as JSON numbers.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        var text = literal switch
        {
            IntValueNode i => i.Value,
            FloatValueNode f => f.Value,
            _ => null,
        };
        if (text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            value = m;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = ToDecimal(externalValue);
        return value is not null;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = ToDecimal(runtimeValue);
        return resultValue is not null;
    }

    private static object? ToDecimal(object value)
    {
        switch (value)
        {
            case decimal:
                return value;
            case int i:
                return (decimal)i;
            case long l:
                return (decimal)l;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d) || Math.Abs(d) >= 7.9e28) return null;
                // Through the shortest round-trip text so 0.1 stays 0.1 rather than its binary expansion.
                return decimal.TryParse(JsFormat.Number(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : (decimal)d;
            default:
                return JsFormat.TryGetNumber(value, out var n) && Math.Abs(n) < 7.9e28 ? Convert.ToDecimal(value, CultureInfo.InvariantCulture) : null;
        }
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a decimal number";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"Decimal cannot represent non decimal value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"Decimal cannot represent non decimal value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) => DescribeValueError(runtimeValue);
}
