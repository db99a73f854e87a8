using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// String (spec §3.5.3): UTF-8 text. Inputs must be strings; results may also be booleans and finite numbers,
/// which are written as text (as graphql-js does), and chars. Other objects are refused.
/// </summary>
public sealed class StringScalar : ScalarType
{
    public StringScalar()
        : base("String")
    {
        Description = "Text as a sequence of UTF-8 characters, most often free-form text meant to be read by people.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is StringValueNode s)
        {
            value = s.Value;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = externalValue as string;
        return value is not null;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        switch (runtimeValue)
        {
            case string:
                resultValue = runtimeValue;
                return true;
            case bool b:
                resultValue = b ? "true" : "false";
                return true;
            case char c:
                resultValue = c.ToString();
                return true;
            case double or float:
                var d = Convert.ToDouble(runtimeValue, CultureInfo.InvariantCulture);
                resultValue = double.IsFinite(d) ? JsFormat.Number(d) : null;
                return resultValue is not null;
            case decimal m:
                resultValue = ScalarHelpers.FormatDecimal(m);
                return true;
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                resultValue = Convert.ToString(runtimeValue, CultureInfo.InvariantCulture);
                return true;
            default:
                resultValue = null;
                return false;
        }
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a string";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"String cannot represent a non string value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"String cannot represent a non string value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) =>
        $"String cannot represent value: {JsFormat.Inspect(runtimeValue)}";
}
