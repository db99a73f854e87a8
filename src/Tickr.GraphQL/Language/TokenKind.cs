namespace Tickr.GraphQL.Language;

/// <summary>The lexical token kinds of GraphQL (spec §2.1.x); comments and ignored tokens are never reported.</summary>
public enum TokenKind : byte
{
    /// <summary>Start of the source, before the first token has been read.</summary>
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
}
