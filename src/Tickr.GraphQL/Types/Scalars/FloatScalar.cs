using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// Float (spec §3.5.2): a finite double. Literals may be IntValue or FloatValue; variables any finite number;
/// results: finite numbers, booleans as 1/0 and numeric strings.
/// </summary>
public sealed class FloatScalar : ScalarType
{
    public FloatScalar()
        : base("Float")
    {
        Description = "Signed double-precision floating-point numbers as defined by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_754).";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        var text = literal switch
        {
            IntValueNode i => i.Value,
            FloatValueNode f => f.Value,
            _ => null,
        };
        if (text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            value = d;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        if (externalValue is double d0)
        {
            value = double.IsFinite(d0) ? externalValue : null;
            return value is not null;
        }
        if (JsFormat.TryGetNumber(externalValue, out var d) && double.IsFinite(d))
        {
            value = d;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        switch (runtimeValue)
        {
            case double d0:
                resultValue = double.IsFinite(d0) ? runtimeValue : null;
                return resultValue is not null;
            case bool b:
                resultValue = b ? 1d : 0d;
                return true;
            case string s when s.Length > 0:
                if (JsFormat.TryParseNumber(s, out var parsed) && double.IsFinite(parsed))
                {
                    resultValue = parsed;
                    return true;
                }
                break;
            default:
                if (JsFormat.TryGetNumber(runtimeValue, out var d) && double.IsFinite(d))
                {
                    resultValue = d;
                    return true;
                }
                break;
        }
        resultValue = null;
        return false;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a finite number";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"Float cannot represent non numeric value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"Float cannot represent non numeric value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) =>
        $"Float cannot represent non numeric value: {JsFormat.Inspect(runtimeValue)}";
}
