using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Utilities;

/// <summary>
/// Prints value literals and strings in GraphQL syntax exactly as graphql-js <c>print</c> does for values
/// (lists and objects on one line, <c>", "</c> separators, block strings by <c>printBlockString</c>).
/// </summary>
public static class LiteralPrinter
{
    /// <summary>Prints a value literal, e.g. <c>{a: [1, 2], b: "x"}</c>.</summary>
    public static string Print(ValueNode value)
    {
        var sb = new StringBuilder();
        Print(value, sb);
        return sb.ToString();
    }

    /// <summary>Appends a value literal to <paramref name="sb"/>.</summary>
    public static void Print(ValueNode value, StringBuilder sb)
    {
        switch (value)
        {
            case VariableNode v:
                sb.Append('$').Append(v.Name.Value);
                break;
            case IntValueNode i:
                sb.Append(i.Value);
                break;
            case FloatValueNode f:
                sb.Append(f.Value);
                break;
            case StringValueNode s:
                sb.Append(s.Block ? PrintBlockString(s.Value) : PrintString(s.Value));
                break;
            case BooleanValueNode b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NullValueNode:
                sb.Append("null");
                break;
            case EnumValueNode e:
                sb.Append(e.Value);
                break;
            case ListValueNode l:
                sb.Append('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Print(l.Values[i], sb);
                }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(o.Fields[i].Name.Value).Append(": ");
                    Print(o.Fields[i].Value, sb);
                }
                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"Unknown value node {value.Kind}.", nameof(value));
        }
    }

    /// <summary>Prints a directive application, e.g. <c>@key(fields: "id")</c>.</summary>
    public static string Print(DirectiveNode directive)
    {
        var sb = new StringBuilder().Append('@').Append(directive.Name.Value);
        if (directive.Arguments.Count > 0)
        {
            sb.Append('(');
            for (var i = 0; i < directive.Arguments.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(directive.Arguments[i].Name.Value).Append(": ");
                Print(directive.Arguments[i].Value, sb);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>A string as a quoted StringValue: <c>"</c>, <c>\</c> and control characters escaped.</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
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

    /// <summary>
    /// A string as a block string <c>"""…"""</c>, with the leading/trailing line breaks graphql-js adds for
    /// readability (multi-line, longer than 70 characters, trailing quote or backslash, leading indentation).
    /// </summary>
    public static string PrintBlockString(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = SplitLines(escaped);
        var isSingleLine = lines.Count == 1;
        var forceLeadingNewLine = false;
        if (lines.Count > 1)
        {
            forceLeadingNewLine = true;
            for (var i = 1; i < lines.Count; i++)
            {
                var line = lines[i];
                if (!(line.Length == 0 || IsWhiteSpace(line[0])))
                {
                    forceLeadingNewLine = false;
                    break;
                }
            }
        }
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && IsWhiteSpace(value[0]);

        var sb = new StringBuilder("\"\"\"");
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            sb.Append('\n');
        }
        sb.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewline)
        {
            sb.Append('\n');
        }
        return sb.Append("\"\"\"").ToString();
    }

    /// <summary>
    /// Whether a block string would read back as exactly <paramref name="value"/> (graphql-js
    /// <c>isPrintableAsBlockString</c>): no control characters, no \r, no leading or trailing blank lines,
    /// no indentation common to every line after the first.
    /// </summary>
    public static bool IsPrintableAsBlockString(string value)
    {
        if (value.Length == 0) return true;
        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case '\0' or '\x01' or '\x02' or '\x03' or '\x04' or '\x05' or '\x06' or '\x07' or '\x08' or '\x0b' or '\x0c' or '\x0e' or '\x0f':
                    return false;
                case '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine) return false;
                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent = hasIndent || isEmptyLine;
                    break;
                default:
                    hasCommonIndent = hasCommonIndent && hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }
        if (isEmptyLine) return false;
        if (hasCommonIndent && seenNonEmptyLine) return false;
        return true;
    }

    /// <summary>
    /// A description as graphql-js <c>printDescription</c> writes it: a block string when printable as one,
    /// else a quoted string; every line indented, followed by a line break. Not the first member in a block:
    /// preceded by an empty line.
    /// </summary>
    public static string PrintDescription(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null) return string.Empty;
        var text = IsPrintableAsBlockString(description) ? PrintBlockString(description) : PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + text.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t';

    private static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\n' || s[i] == '\r')
            {
                lines.Add(s[start..i]);
                if (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        lines.Add(s[start..]);
        return lines;
    }
}
