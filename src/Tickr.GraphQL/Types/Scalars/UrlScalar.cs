using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// URL: an absolute URL with a scheme (RFC 3986), e.g. <c>https://example.com/a?b=c</c>. Runtime value:
/// <see cref="Uri"/>. Results are the normalized absolute form (<see cref="Uri.AbsoluteUri"/>).
/// </summary>
public sealed class UrlScalar : ScalarType
{
    public UrlScalar()
        : base("URL")
    {
        Description = "An absolute URL with a scheme as defined by RFC 3986, such as `https://example.com/path?query`.";
    }

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is StringValueNode s && TryParse(s.Value, out var u))
        {
            value = u;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        switch (externalValue)
        {
            case string s when TryParse(s, out var u):
                value = u;
                return true;
            case Uri { IsAbsoluteUri: true }:
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
            Uri { IsAbsoluteUri: true } u => u.AbsoluteUri,
            string s when TryParse(s, out var u) => u.AbsoluteUri,
            _ => null,
        };
        return resultValue is not null;
    }

    /// <summary>
    /// Absolute URLs only, and only with an explicit scheme: on Unix <see cref="Uri"/> would otherwise take
    /// "/path" as a file URL.
    /// </summary>
    public static bool TryParse(string s, out Uri uri)
    {
        uri = null!;
        if (s.Length == 0 || !char.IsAsciiLetter(s[0])) return false;
        var i = 1;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '+' or '-' or '.')) i++;
        if (i >= s.Length || s[i] != ':') return false;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var parsed)) return false;
        uri = parsed;
        return true;
    }

    public override ValueNode ValueToLiteral(object runtimeValue) =>
        TrySerialize(runtimeValue, out var s)
            ? new StringValueNode { Value = (string)s! }
            : throw new ArgumentException(DescribeSerializeError(runtimeValue), nameof(runtimeValue));

    public override string DescribeExpected() => "an absolute URL";

    public override string DescribeLiteralError(ValueNode literal) =>
        $"URL cannot represent value: {LiteralPrinter.Print(literal)}";

    public override string DescribeValueError(object externalValue) =>
        $"URL cannot represent value: {JsFormat.Inspect(externalValue)}";
}
