using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Language;

/// <summary>
/// Prints AST nodes back to GraphQL source in the canonical layout of graphql-js <c>print</c>: two-space indentation,
/// one selection or definition per line, values on one line, and the same string and block string escaping.
/// </summary>
public static class Printer
{
    /// <summary>Prints any node (a whole document, a definition, a selection, a type or a value).</summary>
    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var writer = new PrintWriter();
        writer.WriteNode(node);
        return writer.ToString();
    }

    /// <summary>Prints a value literal, e.g. <c>{a: 1, b: [1, 2]}</c>; the form introspection uses for default values.</summary>
    public static string Print(ValueNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            // Scalars need no buffer at all.
            case IntValueNode i: return i.Value;
            case FloatValueNode f: return f.Value;
            case EnumValueNode e: return e.Value;
            case BooleanValueNode b: return b.Value ? "true" : "false";
            case NullValueNode: return "null";
            case StringValueNode { Block: false } s: return PrintString(s.Value);
        }
        var writer = new PrintWriter();
        writer.WriteValue(value);
        return writer.ToString();
    }

    /// <summary>
    /// Quotes a string as a GraphQL StringValue, escaping <c>"</c>, <c>\</c> and the C0/C1 control characters
    /// exactly like graphql-js <c>printString</c> (JSON-like, upper-case hex).
    /// </summary>
    public static string PrintString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escapeFrom = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (NeedsEscape(value[i]))
            {
                escapeFrom = i;
                break;
            }
        }
        if (escapeFrom < 0)
        {
            return string.Concat("\"", value, "\"");
        }
        var sb = new StringBuilder(value.Length + 8);
        AppendString(sb, value);
        return sb.ToString();
    }

    /// <summary>
    /// Prints a string as a block string (<c>"""…"""</c>) following the spec's printBlockString: <c>"""</c> is escaped,
    /// and leading/trailing line breaks are added only where they keep the value intact or improve readability.
    /// </summary>
    public static string PrintBlockString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = value.Contains("\"\"\"", StringComparison.Ordinal)
            ? value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal)
            : value;

        // Split into lines the way the lexer will: \r\n, \n or \r.
        var isSingleLine = true;
        var forceLeadingNewLine = true;
        var sawBreak = false;
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c is '\n' or '\r')
            {
                isSingleLine = false;
                sawBreak = true;
                if (c == '\r' && i + 1 < escaped.Length && escaped[i + 1] == '\n')
                {
                    i++;
                }
                // Every line after the first must be empty or start with white space for a leading break
                // to be required (otherwise dedenting would strip indentation the value relies on).
                var next = i + 1 < escaped.Length ? escaped[i + 1] : '\n';
                if (next is not (' ' or '\t' or '\n' or '\r'))
                {
                    forceLeadingNewLine = false;
                }
            }
        }
        if (!sawBreak)
        {
            forceLeadingNewLine = false;
        }

        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine
            || hasTrailingTripleQuotes;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';

        var sb = new StringBuilder(escaped.Length + 8);
        sb.Append("\"\"\"");
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            sb.Append('\n');
        }
        sb.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewLine)
        {
            sb.Append('\n');
        }
        sb.Append("\"\"\"");
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0x9F);

    internal static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        var chunkStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!NeedsEscape(c))
            {
                continue;
            }
            sb.Append(value, chunkStart, i - chunkStart);
            chunkStart = i + 1;
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
                    sb.Append("\\u");
                    sb.Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        sb.Append(value, chunkStart, value.Length - chunkStart);
        sb.Append('"');
    }
}
