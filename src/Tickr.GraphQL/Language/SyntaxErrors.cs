using System.Globalization;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Language;

/// <summary>Builds <see cref="GraphQLSyntaxException"/>s whose location is computed from a source offset.</summary>
internal static class SyntaxErrors
{
    /// <summary>An exception for <paramref name="message"/> at the character offset <paramref name="position"/>.</summary>
    public static GraphQLSyntaxException At(ReadOnlySpan<char> source, int position, string message, string code = ErrorCodes.SyntaxError) =>
        new(message, LocationOf(source, position), code);

    /// <summary>1-based line and column of an offset; \r\n, \n and \r each end a line (spec LineTerminator).</summary>
    public static SourceLocation LocationOf(ReadOnlySpan<char> source, int position)
    {
        if (position > source.Length)
        {
            position = source.Length;
        }
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    // The pair is one terminator; the line starts after the \n (even when position is between them).
                    i++;
                    if (i >= position)
                    {
                        line++;
                        lineStart = i + 1;
                        break;
                    }
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(line, Math.Max(1, position - lineStart + 1));
    }

    /// <summary>
    /// Describes the character at <paramref name="position"/> the way graphql-js error messages do:
    /// <c>"a"</c> for printable ASCII, <c>'"'</c> for a double quote, <c>U+XXXX</c> otherwise and <c>&lt;EOF&gt;</c> past the end.
    /// </summary>
    public static string DescribeCharAt(ReadOnlySpan<char> source, int position)
    {
        if (position >= source.Length)
        {
            return "<EOF>";
        }
        int code = source[position];
        if (char.IsHighSurrogate((char)code) && position + 1 < source.Length && char.IsLowSurrogate(source[position + 1]))
        {
            code = char.ConvertToUtf32((char)code, source[position + 1]);
        }
        if (code is >= 0x20 and <= 0x7E)
        {
            return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        }
        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>Text of [start, start+length) clamped to the source, for messages quoting an escape sequence.</summary>
    public static string Slice(ReadOnlySpan<char> source, int start, int length)
    {
        var end = Math.Min(source.Length, start + length);
        return start >= end ? string.Empty : new string(source[start..end]);
    }
}
