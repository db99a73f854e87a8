using System.Buffers;

namespace Tickr.GraphQL.Language;

/// <summary>The spec's BlockStringValue() algorithm (§2.9.4), working on the raw text between the triple quotes.</summary>
internal static class BlockString
{
    /// <summary>
    /// BlockStringValue(rawValue): split into lines at LineTerminators; remove the common indentation of every line
    /// but the first (indentation counted in spaces and tabs, white-space-only lines ignored); drop leading and
    /// trailing blank lines; join with \n. <paramref name="hasEscape"/> says whether \""" occurs (it becomes """).
    /// </summary>
    public static string Dedent(ReadOnlySpan<char> raw, bool hasEscape)
    {
        // Pass 1: common indentation and the first/last lines holding something other than white space.
        var commonIndent = int.MaxValue;
        var firstNonEmpty = -1;
        var lastNonEmpty = -1;
        var lineIndex = 0;
        var pos = 0;
        var multiLine = false;
        while (true)
        {
            var lineEnd = FindLineEnd(raw, pos, out var next);
            var line = raw[pos..lineEnd];
            var indent = LeadingWhiteSpace(line);
            if (indent < line.Length)
            {
                if (firstNonEmpty < 0)
                {
                    firstNonEmpty = lineIndex;
                }
                lastNonEmpty = lineIndex;
                if (lineIndex != 0 && indent < commonIndent)
                {
                    commonIndent = indent;
                }
            }
            if (next < 0)
            {
                break;
            }
            multiLine = true;
            pos = next;
            lineIndex++;
        }

        if (firstNonEmpty < 0)
        {
            return string.Empty;
        }
        if (!multiLine && !hasEscape)
        {
            return new string(raw);
        }

        // Pass 2: copy the kept lines; the result is never longer than the raw text.
        char[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var n = 0;
            lineIndex = 0;
            pos = 0;
            while (true)
            {
                var lineEnd = FindLineEnd(raw, pos, out var next);
                if (lineIndex >= firstNonEmpty && lineIndex <= lastNonEmpty)
                {
                    var line = raw[pos..lineEnd];
                    if (lineIndex != 0)
                    {
                        line = line[Math.Min(commonIndent, line.Length)..];
                    }
                    if (lineIndex > firstNonEmpty)
                    {
                        buffer[n++] = '\n';
                    }
                    n += CopyUnescaped(line, buffer[n..], hasEscape);
                }
                if (next < 0 || lineIndex >= lastNonEmpty)
                {
                    break;
                }
                pos = next;
                lineIndex++;
            }
            return new string(buffer[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>End of the line starting at <paramref name="pos"/>; <paramref name="next"/> is the next line's start or -1.</summary>
    private static int FindLineEnd(ReadOnlySpan<char> raw, int pos, out int next)
    {
        var i = raw[pos..].IndexOfAny('\n', '\r');
        if (i < 0)
        {
            next = -1;
            return raw.Length;
        }
        var end = pos + i;
        next = raw[end] == '\r' && end + 1 < raw.Length && raw[end + 1] == '\n' ? end + 2 : end + 1;
        return end;
    }

    private static int LeadingWhiteSpace(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
        return i;
    }

    private static int CopyUnescaped(ReadOnlySpan<char> line, Span<char> destination, bool hasEscape)
    {
        if (!hasEscape)
        {
            line.CopyTo(destination);
            return line.Length;
        }
        var n = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 3 < line.Length && line[i + 1] == '"' && line[i + 2] == '"' && line[i + 3] == '"')
            {
                // \""" stands for """: drop the backslash; the quotes are copied as ordinary characters.
                continue;
            }
            destination[n++] = line[i];
        }
        return n;
    }
}
