using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Utilities;

/// <summary>
/// Prints value literals and strings in GraphQL syntax exactly as graphql-js <c>print</c> does for values
/// (lists and objects on one line, <c>", "</c> separators, block strings by <c>printBlockString</c>).
/// </summary>
public static class LiteralPrinter
{
    /// <summary>Prints a value literal, e.g. <c>{a: [1, 2], b: "x"}</c> (via the language printer).</summary>
    public static string Print(ValueNode value) => Language.Printer.Print(value);

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
                sb.Append(directive.Arguments[i].Name.Value).Append(": ").Append(Print(directive.Arguments[i].Value));
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>A string as a quoted StringValue: <c>"</c>, <c>\</c> and control characters escaped.</summary>
    public static string PrintString(string value) => Language.Printer.PrintString(value);

    /// <summary>A string as a block string <c>"""…"""</c>, laid out as graphql-js printBlockString does.</summary>
    public static string PrintBlockString(string value) => Language.Printer.PrintBlockString(value);

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
}
