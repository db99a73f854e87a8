using System.Collections;
using System.Globalization;
using System.Text;

namespace Tickr.GraphQL.Utilities;

/// <summary>
/// Formats .NET values the way graphql-js shows JavaScript values in messages and results
/// (its <c>inspect</c> and <c>Number.prototype.toString</c>), so error messages read the same as the reference.
/// </summary>
internal static class JsFormat
{
    private const int MaxArrayLength = 10;
    private const int MaxDepth = 2;

    /// <summary>A value as graphql-js <c>inspect</c> prints it (strings JSON-quoted, lists and objects abbreviated).</summary>
    public static string Inspect(object? value) => Inspect(value, 0);

    private static string Inspect(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return JsonQuote(s);
            case bool b:
                return b ? "true" : "false";
            case char c:
                return JsonQuote(c.ToString());
            case double d:
                return Number(d);
            case float f:
                return Number(f);
            case decimal m:
                return Number((double)m);
            case int or long or short or byte or sbyte or uint or ulong or ushort:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case Enum e:
                return JsonQuote(e.ToString());
            case IReadOnlyDictionary<string, object?> map:
                if (map.Count == 0) return "{}";
                if (depth > MaxDepth) return "[Object]";
                var sb = new StringBuilder("{ ");
                var first = true;
                foreach (var (k, v) in map)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(k).Append(": ").Append(Inspect(v, depth + 1));
                }
                return sb.Append(" }").ToString();
            case IEnumerable list:
                var all = new List<object?>();
                foreach (var item in list) all.Add(item);
                if (all.Count == 0) return "[]";
                if (depth > MaxDepth) return "[Array]";
                var items = new List<string>();
                for (var i = 0; i < all.Count && i < MaxArrayLength; i++) items.Add(Inspect(all[i], depth + 1));
                var remaining = all.Count - items.Count;
                if (remaining == 1) items.Add("... 1 more item");
                else if (remaining > 1) items.Add($"... {remaining} more items");
                return "[" + string.Join(", ", items) + "]";
            default:
                return value.ToString() ?? value.GetType().Name;
        }
    }

    /// <summary>A string as JSON.stringify writes it.</summary>
    public static string JsonQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A double as JavaScript's Number.prototype.toString writes it: shortest round-trip digits, plain notation for
    /// decimal exponents in [-7, 21), exponent notation (<c>1e+21</c>, <c>1e-7</c>) otherwise.
    /// </summary>
    public static string Number(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";

        // "E16" is not shortest; "R" is shortest round-trip but picks its own layout, so re-layout its digits.
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative) r = r[1..];
        int exp = 0;
        var ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }
        var dot = r.IndexOf('.');
        string digits;
        int pointPos; // position of the decimal point relative to the start of `digits`
        if (dot >= 0)
        {
            digits = r[..dot] + r[(dot + 1)..];
            pointPos = dot;
        }
        else
        {
            digits = r;
            pointPos = r.Length;
        }
        // Strip leading zeros (e.g. "0.001").
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }
        digits = digits[lead..];
        pointPos -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return "0";
        // n: the decimal exponent such that value = 0.digits × 10^n.
        var n = pointPos + exp;
        var k = digits.Length;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            var e = n - 1;
            sb.Append('e').Append(e >= 0 ? "+" : "-").Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// JavaScript's <c>Number(string)</c>: trims white space, empty is 0, accepts decimal/exponent notation,
    /// Infinity and 0x/0o/0b integers. False when JavaScript would produce NaN.
    /// </summary>
    public static bool TryParseNumber(string s, out double value)
    {
        var t = s.AsSpan().Trim();
        if (t.Length == 0)
        {
            value = 0;
            return true;
        }
        if (t.Length > 2 && t[0] == '0')
        {
            var radix = t[1] switch { 'x' or 'X' => 16, 'o' or 'O' => 8, 'b' or 'B' => 2, _ => 0 };
            if (radix != 0)
            {
                double acc = 0;
                foreach (var c in t[2..])
                {
                    var digit = c switch
                    {
                        >= '0' and <= '9' => c - '0',
                        >= 'a' and <= 'f' => c - 'a' + 10,
                        >= 'A' and <= 'F' => c - 'A' + 10,
                        _ => 99,
                    };
                    if (digit >= radix)
                    {
                        value = double.NaN;
                        return false;
                    }
                    acc = (acc * radix) + digit;
                }
                value = acc;
                return true;
            }
        }
        var body = t[0] is '+' or '-' ? t[1..] : t;
        if (body.SequenceEqual("Infinity"))
        {
            value = t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        // Reject what .NET accepts but JavaScript does not (NaN, ∞ symbols, thousands separators).
        foreach (var c in body)
        {
            if (c is not ((>= '0' and <= '9') or '.' or 'e' or 'E' or '+' or '-'))
            {
                value = double.NaN;
                return false;
            }
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A CLR number (any primitive numeric type, or decimal) as a double.</summary>
    public static bool TryGetNumber(object value, out double d)
    {
        switch (value)
        {
            case int i: d = i; return true;
            case long l: d = l; return true;
            case double x: d = x; return true;
            case decimal m: d = (double)m; return true;
            case float f: d = f; return true;
            case short s: d = s; return true;
            case byte b: d = b; return true;
            case sbyte sb: d = sb; return true;
            case uint ui: d = ui; return true;
            case ulong ul: d = ul; return true;
            case ushort us: d = us; return true;
            default: d = 0; return false;
        }
    }
}
