using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// Int (spec §3.5.1): a signed 32-bit integer. Literals must be IntValue; variables any integral number in range;
/// results: integral numbers in range, booleans as 1/0 and numeric strings (as graphql-js serializes them).
/// </summary>
public sealed class IntScalar : ScalarType
{
    public IntScalar()
        : base("Int")
    {
        Description = "Signed whole numbers without a fractional part, from -(2^31) to 2^31 - 1.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is IntValueNode i && int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            value = ScalarHelpers.Box(n);
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        if (externalValue is int)
        {
            value = externalValue;
            return true;
        }
        if (ScalarHelpers.TryGetIntegral(externalValue, out var d) && d >= int.MinValue && d <= int.MaxValue)
        {
            value = ScalarHelpers.Box((int)d);
            return true;
        }
        value = null;
        return false;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        switch (runtimeValue)
        {
            case int:
                resultValue = runtimeValue;
                return true;
            case bool b:
                resultValue = b ? ScalarHelpers.One : ScalarHelpers.Zero;
                return true;
            case string s when s.Length > 0:
                if (JsFormat.TryParseNumber(s, out var parsed) && IsInt32(parsed))
                {
                    resultValue = ScalarHelpers.Box((int)parsed);
                    return true;
                }
                break;
            default:
                if (JsFormat.TryGetNumber(runtimeValue, out var d) && IsInt32(d))
                {
                    resultValue = ScalarHelpers.Box((int)d);
                    return true;
                }
                break;
        }
        resultValue = null;
        return false;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a 32-bit signed integer";

    public override string DescribeLiteralError(ValueNode literal) => literal is IntValueNode i
        ? $"Int cannot represent non 32-bit signed integer value: {i.Value}"
        : $"Int cannot represent non-integer value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) => ScalarHelpers.TryGetIntegral(externalValue, out _)
        ? $"Int cannot represent non 32-bit signed integer value: {JsFormat.Inspect(externalValue)}"
        : $"Int cannot represent non-integer value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue)
    {
        var integral = runtimeValue switch
        {
            string s => s.Length > 0 && JsFormat.TryParseNumber(s, out var d) && !double.IsInfinity(d) && Math.Floor(d) == d,
            _ => ScalarHelpers.TryGetIntegral(runtimeValue, out _),
        };
        return integral
            ? $"Int cannot represent non 32-bit signed integer value: {JsFormat.Inspect(runtimeValue)}"
            : $"Int cannot represent non-integer value: {JsFormat.Inspect(runtimeValue)}";
    }

    private static bool IsInt32(double d) => Math.Floor(d) == d && d >= int.MinValue && d <= int.MaxValue;
}
