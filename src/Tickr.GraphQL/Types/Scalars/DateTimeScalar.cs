using System.Globalization;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// DateTime: an RFC 3339 date-time with a mandatory offset (<c>2024-05-01T10:15:30.000Z</c>,
/// <c>2024-05-01T12:15:30+02:00</c>). Runtime value: <see cref="DateTimeOffset"/>. Results keep the offset and carry
/// milliseconds: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> or <c>…fff+hh:mm</c>.
/// </summary>
public sealed class DateTimeScalar : StringBackedScalar<DateTimeOffset>
{
    public DateTimeScalar()
        : base("DateTime")
    {
        Description = "A point in time as an RFC 3339 date-time string with a time-zone offset, such as `2007-12-03T10:15:30Z`. Results are given with millisecond precision.";
        SpecifiedByUrl = "https://scalars.graphql.org/andimarek/date-time";
    }

    public override string DescribeExpected() => "an RFC 3339 date-time string with an offset";

    protected override string InvalidStringKind => "date-time";

    protected override bool TryParseString(string s, out DateTimeOffset value) => TryParse(s, out value);

    protected override string FormatValue(DateTimeOffset value) => Format(value);

    /// <summary>A <see cref="DateTime"/> keeps its local offset when it is local and is taken as UTC otherwise.</summary>
    protected override bool TryConvertRuntimeValue(object runtimeValue, out DateTimeOffset value)
    {
        if (runtimeValue is DateTime dt)
        {
            value = dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Formats with millisecond precision; a zero offset is written <c>Z</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses RFC 3339 <c>date-time</c>: <c>full-date "T" partial-time time-offset</c>; T and Z may be lower case,
    /// fractions of any length (beyond 100 ns are truncated); leap seconds are refused (.NET cannot hold them).
    /// </summary>
    public static bool TryParse(string s, out DateTimeOffset value)
    {
        value = default;
        var p = s.AsSpan();
        // yyyy-MM-ddTHH:mm:ss = 19 characters, then fraction and offset.
        if (p.Length < 20 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != 't') || p[13] != ':' || p[16] != ':')
        {
            return false;
        }
        if (!Digits(p, 0, 4, out var year) || !Digits(p, 5, 2, out var month) || !Digits(p, 8, 2, out var day) ||
            !Digits(p, 11, 2, out var hour) || !Digits(p, 14, 2, out var minute) || !Digits(p, 17, 2, out var second))
        {
            return false;
        }
        var i = 19;
        long fractionTicks = 0;
        if (p[i] == '.')
        {
            i++;
            var start = i;
            var scale = 1_000_000L;
            while (i < p.Length && p[i] is >= '0' and <= '9')
            {
                if (scale > 0)
                {
                    fractionTicks += (p[i] - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start) return false;
        }
        if (i >= p.Length) return false;
        TimeSpan offset;
        if (p[i] is 'Z' or 'z')
        {
            if (i + 1 != p.Length) return false;
            offset = TimeSpan.Zero;
        }
        else if (p[i] is '+' or '-')
        {
            if (i + 6 != p.Length || p[i + 3] != ':' || !Digits(p, i + 1, 2, out var oh) || !Digits(p, i + 4, 2, out var om) || oh > 23 || om > 59)
            {
                return false;
            }
            offset = new TimeSpan(oh, om, 0);
            if (p[i] == '-') offset = -offset;
        }
        else
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    internal static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (c is < '0' or > '9') return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
