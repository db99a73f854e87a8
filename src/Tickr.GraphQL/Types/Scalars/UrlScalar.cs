using System.Diagnostics.CodeAnalysis;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// URL: an absolute URL with a scheme (RFC 3986), e.g. <c>https://example.com/a?b=c</c>. Runtime value:
/// <see cref="Uri"/>. Results are the normalized absolute form (<see cref="Uri.AbsoluteUri"/>).
/// </summary>
public sealed class UrlScalar : StringBackedScalar<Uri>
{
    public UrlScalar()
        : base("URL")
    {
        Description = "An absolute URL with a scheme as defined by RFC 3986, such as `https://example.com/path?query`.";
    }

    public override string DescribeExpected() => "an absolute URL";

    protected override bool TryParseString(string s, [MaybeNullWhen(false)] out Uri value) => TryParse(s, out value);

    protected override string FormatValue(Uri value) => value.AbsoluteUri;

    /// <summary>A <see cref="Uri"/> given as a variable or by a resolver must be absolute.</summary>
    protected override bool IsValid(Uri value) => value.IsAbsoluteUri;

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
}
