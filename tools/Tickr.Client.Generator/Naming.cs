using System.Globalization;
using System.Text;

namespace Tickr.Client.Generator;

/// <summary>How GraphQL names become C# names.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>accessToken</c> → <c>AccessToken</c>; <c>__typename</c> stays as it is.</summary>
    public static string Pascal(string name)
    {
        if (name == "__typename" || name.Length == 0)
        {
            return name;
        }
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary><c>IN_MEMORY</c> → <c>InMemory</c>, <c>draft</c> → <c>Draft</c>, <c>inMemory</c> → <c>InMemory</c>.</summary>
    public static string EnumMember(string value)
    {
        var hasLower = value.Any(char.IsAsciiLetterLower);
        if (!value.Contains('_', StringComparison.Ordinal) && hasLower)
        {
            return Pascal(value);
        }
        var sb = new StringBuilder(value.Length);
        foreach (var part in value.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(part[0]));
            sb.Append(hasLower ? part[1..] : part[1..].ToLowerInvariant());
        }
        return sb.Length == 0 ? "Value" : sb.ToString();
    }

    /// <summary>A parameter name: camelCase, with <c>@</c> before C# keywords (<c>$event</c> → <c>@event</c>).</summary>
    public static string Parameter(string name)
    {
        var camel = char.ToLowerInvariant(name[0]) + name[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>A C# string literal holding <paramref name="text"/>.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 16).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}

/// <summary>Hands out C# type names once each: a second request for a taken name gets a number appended.</summary>
internal sealed class NameRegistry
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public void Reserve(string name) => _taken.Add(name);

    public string Unique(string name)
    {
        if (_taken.Add(name))
        {
            return name;
        }
        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
