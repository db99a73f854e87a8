using System.Text;

namespace Tickr.Client.Generator;

/// <summary>Indented C# text: four spaces per level, \n line ends on every platform (stable snapshots and ids).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4).Append(text);
        }
        _sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>An XML doc summary (and remarks) from a GraphQL description; nothing when there is no text.</summary>
    public CodeWriter Doc(string? summary, string? remarks = null)
    {
        if (!string.IsNullOrWhiteSpace(summary))
        {
            Line("/// <summary>");
            foreach (var line in Xml(summary).Split('\n'))
            {
                Line("/// " + line.TrimEnd());
            }
            Line("/// </summary>");
        }
        if (!string.IsNullOrWhiteSpace(remarks))
        {
            Line("/// <remarks>" + Xml(remarks).Replace("\n", " ", StringComparison.Ordinal) + "</remarks>");
        }
        return this;
    }

    public static string Xml(string text) => text
        .Replace("\r\n", "\n", StringComparison.Ordinal)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Trim();

    public override string ToString() => _sb.ToString();
}
