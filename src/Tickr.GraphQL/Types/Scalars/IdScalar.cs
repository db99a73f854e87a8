using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// ID (spec §3.5.5): an opaque identifier serialized as a string. Inputs may be strings or integers (integers become
/// their decimal text); results may be strings, integers and Guids.
/// </summary>
public sealed class IdScalar : ScalarType
{
    public IdScalar()
        : base("ID")
    {
        Description = "An opaque unique identifier, often used to fetch an object again or as a cache key. Responses write it as a String that is not meant to be read by people; as an input, both strings (such as `\"4\"`) and integers (such as `4`) are accepted.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        value = literal switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => null,
        };
        return value is not null;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        value = externalValue is string ? externalValue : IntegerText(externalValue);
        return value is not null;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = runtimeValue switch
        {
            string => runtimeValue,
            Guid g => g.ToString("D"),
            _ => IntegerText(runtimeValue),
        };
        return resultValue is not null;
    }

    private static string? IntegerText(object value) => value switch
    {
        int or long or short or byte or sbyte or uint or ulong or ushort => Convert.ToString(value, CultureInfo.InvariantCulture),
        decimal m when decimal.Truncate(m) == m => decimal.Truncate(m).ToString(CultureInfo.InvariantCulture),
        double or float when ScalarHelpers.TryGetIntegral(value, out var d) => JsFormat.Number(d),
        _ => null,
    };

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue, isId: true);

    public override string DescribeExpected() => "a string or an integer";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"ID cannot represent a non-string and non-integer value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"ID cannot represent value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) =>
        $"ID cannot represent value: {JsFormat.Inspect(runtimeValue)}";
}
