using System.Globalization;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>Date: an RFC 3339 full-date <c>yyyy-MM-dd</c>. Runtime value: <see cref="DateOnly"/>.</summary>
public sealed class DateScalar : StringBackedScalar<DateOnly>
{
    public DateScalar()
        : base("Date")
    {
        Description = "A calendar date without time or time zone, written as an RFC 3339 full-date string such as `2007-12-03`.";
    }

    public override string DescribeExpected() => "a date string yyyy-MM-dd";

    protected override string InvalidStringKind => "date";

    protected override bool TryParseString(string s, out DateOnly value) => TryParse(s, out value);

    protected override string FormatValue(DateOnly value) => Format(value);

    protected override bool TryConvertRuntimeValue(object runtimeValue, out DateOnly value)
    {
        switch (runtimeValue)
        {
            case DateTime dt:
                value = DateOnly.FromDateTime(dt);
                return true;
            case DateTimeOffset dto:
                value = DateOnly.FromDateTime(dto.DateTime);
                return true;
            default:
                value = default;
                return false;
        }
    }

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
