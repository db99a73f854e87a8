using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// Boolean (spec §3.5.4). Inputs must be true or false; results may also be finite numbers (non-zero is true),
/// as graphql-js serializes them.
/// </summary>
public sealed class BooleanScalar : ScalarType
{
    public BooleanScalar()
        : base("Boolean")
    {
        Description = "A truth value: `true` or `false`.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is BooleanValueNode b)
        {
            value = ScalarHelpers.Box(b.Value);
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        if (externalValue is bool)
        {
            value = externalValue;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        if (runtimeValue is bool)
        {
            resultValue = runtimeValue;
            return true;
        }
        if (JsFormat.TryGetNumber(runtimeValue, out var d) && double.IsFinite(d))
        {
            resultValue = ScalarHelpers.Box(d != 0);
            return true;
        }
        resultValue = null;
        return false;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeExpected() => "a boolean";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"Boolean cannot represent a non boolean value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"Boolean cannot represent a non boolean value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) =>
        $"Boolean cannot represent a non boolean value: {JsFormat.Inspect(runtimeValue)}";
}
