namespace Tickr.GraphQL.Language;

/// <summary>
/// One lexical token: its kind, its source range [Start, End), the 1-based line and column of Start and, for
/// string tokens only, the cooked value (escapes resolved, block string indentation removed). Names and numbers
/// carry no string: their text is the source range, so reading them allocates nothing.
/// </summary>
public readonly struct Token
{
    public Token(TokenKind kind, int start, int end, int line, int column, string? value = null)
    {
        Kind = kind;
        Start = start;
        End = end;
        Line = line;
        Column = column;
        Value = value;
    }

    public TokenKind Kind { get; }
    public int Start { get; }
    public int End { get; }
    public int Line { get; }
    public int Column { get; }

    /// <summary>The cooked value of a String or BlockString token; null for every other kind.</summary>
    public string? Value { get; }

    public override string ToString() => $"{Kind} [{Start},{End}) {Line}:{Column}";
}
