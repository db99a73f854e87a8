using System.Globalization;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>Date: an RFC 3339 full-date <c>yyyy-MM-dd</c>. Runtime value: <see cref="DateOnly"/>.</summary>
public sealed class DateScalar : ScalarType
{
    public DateScalar()
        : base("Date")
    {
        Description = "A calendar date without time or time zone, written as an RFC 3339 full-date string such as `2007-12-03`.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is StringValueNode s && TryParse(s.Value, out var d))
        {
            value = d;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        switch (externalValue)
        {
            case string s when TryParse(s, out var d):
                value = d;
                return true;
            case DateOnly:
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
            DateOnly d => Format(d),
            DateTime dt => Format(DateOnly.FromDateTime(dt)),
            DateTimeOffset dto => Format(DateOnly.FromDateTime(dto.DateTime)),
            string s when TryParse(s, out var d) => Format(d),
            _ => null,
        };
        return resultValue is not null;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) =>
        TrySerialize(runtimeValue, out var s)
            ? new StringValueNode { Value = (string)s! }
            : throw new ArgumentException(DescribeSerializeError(runtimeValue), nameof(runtimeValue));

    public override string DescribeExpected() => "a date string yyyy-MM-dd";

    public override string DescribeLiteralError(ValueNode literal) => literal is StringValueNode
        ? $"Date cannot represent an invalid date string {LiteralPrinter.Print(literal)}."
        : $"Date cannot represent a non string value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) => externalValue is string
        ? $"Date cannot represent an invalid date string {JsFormat.Inspect(externalValue)}."
        : $"Date cannot represent a non string value: {JsFormat.Inspect(externalValue)}";

    public override string DescribeSerializeError(object runtimeValue) =>
        $"Date cannot represent value: {JsFormat.Inspect(runtimeValue)}";

    public static string Format(DateOnly d) => d.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>Parses exactly <c>yyyy-MM-dd</c> (four-digit year, valid day of month).</summary>
    public static bool TryParse(string s, out DateOnly value)
    {
        value = default;
        var p = s.AsSpan();
        if (p.Length != 10 || p[4] != '-' || p[7] != '-' ||
            !DateTimeScalar.Digits(p, 0, 4, out var y) || !DateTimeScalar.Digits(p, 5, 2, out var m) || !DateTimeScalar.Digits(p, 8, 2, out var d))
        {
            return false;
        }
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        value = new DateOnly(y, m, d);
        return true;
    }
}
