using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// UUID: an RFC 4122 UUID string (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, any case; the 32-digit form without
/// hyphens is accepted too). Runtime value: <see cref="Guid"/>. Results are lower-case hyphenated.
/// </summary>
public sealed class UuidScalar : ScalarType
{
    public UuidScalar()
        : base("UUID")
    {
        Description = "A universally unique identifier (RFC 4122) as a string of 32 hexadecimal digits in five hyphen-separated groups, such as `123e4567-e89b-12d3-a456-426614174000`.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is StringValueNode s && TryParse(s.Value, out var g))
        {
            value = g;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        switch (externalValue)
        {
            case string s when TryParse(s, out var g):
                value = g;
                return true;
            case Guid:
                value = externalValue;
                return true;
            default:
                value = null;
                return false;
        }
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        resultValue = runtimeValue switch
        {
            Guid g => g.ToString("D"),
            string s when TryParse(s, out var g) => g.ToString("D"),
            _ => null,
        };
        return resultValue is not null;
    }

    private static bool TryParse(string s, out Guid g) =>
        Guid.TryParseExact(s, "D", out g) || Guid.TryParseExact(s, "N", out g);

    public override ValueNode ValueToLiteral(object runtimeValue) =>
        TrySerialize(runtimeValue, out var s)
            ? new StringValueNode { Value = (string)s! }
            : throw new ArgumentException(DescribeSerializeError(runtimeValue), nameof(runtimeValue));

    public override string DescribeExpected() => "a UUID string";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"UUID cannot represent value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"UUID cannot represent value: {JsFormat.Inspect(externalValue)}";
}
