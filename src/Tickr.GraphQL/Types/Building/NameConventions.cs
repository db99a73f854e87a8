using System.Text;

namespace Tickr.GraphQL.Types.Building;

/// <summary>How CLR names become GraphQL names (the conventions Hot Chocolate users expect).</summary>
public static class NameConventions
{
    /// <summary><c>Title</c> → <c>title</c>, <c>ID</c> → <c>id</c>, <c>HTMLBody</c> → <c>htmlBody</c>.</summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            // In a run of capitals the last one starts the next word when a lower-case letter follows.
            if (i > 0 && i + 1 < chars.Length && char.IsLower(chars[i + 1]))
            {
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    /// <summary>Method names lose a <c>Get</c> prefix and an <c>Async</c> suffix: <c>GetEventsAsync</c> → <c>events</c>.</summary>
    public static string MethodFieldName(string methodName)
    {
        var name = methodName;
        if (name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal))
        {
            name = name[..^5];
        }
        if (name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && !char.IsLower(name[3]))
        {
            name = name[3..];
        }
        return ToCamelCase(name);
    }

    /// <summary><c>CheckedIn</c> → <c>CHECKED_IN</c>, <c>HTMLPage</c> → <c>HTML_PAGE</c>, <c>Level2</c> → <c>LEVEL2</c>.</summary>
    public static string ToUpperSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_')
            {
                var prev = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append('_');
                }
            }
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="name"/> matches <c>/[_A-Za-z][_0-9A-Za-z]*/</c> (spec §2.1.9).</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!(IsLetter(c) || c == '_' || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return true;

        static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
