using System.Buffers;
using System.Runtime.CompilerServices;

namespace Tickr.GraphQL.Language;

/// <summary>
/// Reads GraphQL tokens (spec §2.1) on demand from a span of source text. Ignored tokens (BOM, white space,
/// line terminators, commas, comments) are skipped. Punctuators, names and numbers allocate nothing; only string
/// tokens build their cooked value, which the AST keeps.
/// </summary>
public ref struct Lexer
{
    private readonly ReadOnlySpan<char> _source;
    private int _position;
    private int _line;
    private int _lineStart;

    public Lexer(ReadOnlySpan<char> source)
    {
        _source = source;
        _line = 1;
        Token = new Token(TokenKind.StartOfFile, 0, 0, 1, 1);
    }

    /// <summary>The source being read.</summary>
    public readonly ReadOnlySpan<char> Source => _source;

    /// <summary>The current token; <see cref="TokenKind.StartOfFile"/> until the first <see cref="Advance"/>.</summary>
    public Token Token { get; private set; }

    /// <summary>The source text of a token (for names and numbers, its value).</summary>
    public readonly ReadOnlySpan<char> TextOf(in Token token) => _source[token.Start..token.End];

    /// <summary>Reads the next token into <see cref="Token"/>; at the end it stays on <see cref="TokenKind.EndOfFile"/>.</summary>
    public TokenKind Advance()
    {
        if (Token.Kind != TokenKind.EndOfFile)
        {
            Token = ReadToken();
        }
        return Token.Kind;
    }

    /// <summary>The token after the current one, without moving past the current one.</summary>
    public readonly Token Lookahead()
    {
        if (Token.Kind == TokenKind.EndOfFile)
        {
            return Token;
        }
        var copy = this;
        return copy.ReadToken();
    }

    private Token ReadToken()
    {
        var src = _source;
        var pos = _position;
        while (pos < src.Length)
        {
            var c = src[pos];
            // Fast paths for the two most frequent cases: indentation and names.
            if (c == ' ')
            {
                pos++;
                continue;
            }
            if (IsNameStart(c))
            {
                return ReadName(pos);
            }
            switch (c)
            {
                // Ignored: UnicodeBOM, WhiteSpace, Comma.
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    pos++;
                    continue;
                case '\n':
                    pos++;
                    _line++;
                    _lineStart = pos;
                    continue;
                case '\r':
                    pos += pos + 1 < src.Length && src[pos + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = pos;
                    continue;
                case '#':
                    pos = SkipComment(src, pos + 1);
                    continue;
                case '!': return Punctuator(TokenKind.Bang, pos, 1);
                case '$': return Punctuator(TokenKind.Dollar, pos, 1);
                case '&': return Punctuator(TokenKind.Amp, pos, 1);
                case '(': return Punctuator(TokenKind.ParenL, pos, 1);
                case ')': return Punctuator(TokenKind.ParenR, pos, 1);
                case ':': return Punctuator(TokenKind.Colon, pos, 1);
                case '=': return Punctuator(TokenKind.Equals, pos, 1);
                case '@': return Punctuator(TokenKind.At, pos, 1);
                case '[': return Punctuator(TokenKind.BracketL, pos, 1);
                case ']': return Punctuator(TokenKind.BracketR, pos, 1);
                case '{': return Punctuator(TokenKind.BraceL, pos, 1);
                case '|': return Punctuator(TokenKind.Pipe, pos, 1);
                case '}': return Punctuator(TokenKind.BraceR, pos, 1);
                case '.':
                    if (pos + 2 < src.Length && src[pos + 1] == '.' && src[pos + 2] == '.')
                    {
                        return Punctuator(TokenKind.Spread, pos, 3);
                    }
                    break;
                case '"':
                    return pos + 2 < src.Length && src[pos + 1] == '"' && src[pos + 2] == '"'
                        ? ReadBlockString(pos)
                        : ReadString(pos);
                default:
                    if (c == '-' || char.IsAsciiDigit(c))
                    {
                        return ReadNumber(pos);
                    }
                    break;
            }
            throw UnexpectedCharacter(src, pos);
        }
        _position = pos;
        return new Token(TokenKind.EndOfFile, pos, pos, _line, pos - _lineStart + 1);
    }

    private static GraphQLSyntaxException UnexpectedCharacter(ReadOnlySpan<char> src, int pos)
    {
        var c = src[pos];
        if (c == '\'')
        {
            return SyntaxErrors.At(src, pos, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
        }
        var valid = !char.IsSurrogate(c) || IsSurrogatePair(src, pos);
        return SyntaxErrors.At(src, pos,
            (valid ? "Unexpected character: " : "Invalid character: ") + SyntaxErrors.DescribeCharAt(src, pos) + ".");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Token Punctuator(TokenKind kind, int pos, int length)
    {
        _position = pos + length;
        return new Token(kind, pos, pos + length, _line, pos - _lineStart + 1);
    }

    /// <summary>Comment :: # CommentChar* — runs to the end of the line (or a character that is not a scalar value).</summary>
    private static int SkipComment(ReadOnlySpan<char> src, int pos)
    {
        while (pos < src.Length)
        {
            var c = src[pos];
            if (c is '\n' or '\r')
            {
                break;
            }
            if (char.IsSurrogate(c))
            {
                if (!IsSurrogatePair(src, pos))
                {
                    break;
                }
                pos += 2;
                continue;
            }
            pos++;
        }
        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNameContinue(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsSurrogatePair(ReadOnlySpan<char> src, int pos) =>
        char.IsHighSurrogate(src[pos]) && pos + 1 < src.Length && char.IsLowSurrogate(src[pos + 1]);

    /// <summary>Name :: NameStart NameContinue* [lookahead != NameContinue]</summary>
    private Token ReadName(int start)
    {
        var src = _source;
        var pos = start + 1;
        while (pos < src.Length && IsNameContinue(src[pos]))
        {
            pos++;
        }
        _position = pos;
        return new Token(TokenKind.Name, start, pos, _line, start - _lineStart + 1);
    }

    /// <summary>
    /// IntValue :: IntegerPart [lookahead != {Digit, ., NameStart}];
    /// FloatValue :: IntegerPart FractionalPart? ExponentPart? [lookahead != {Digit, ., NameStart}];
    /// IntegerPart :: -? 0 | -? NonZeroDigit Digit*.
    /// </summary>
    private Token ReadNumber(int start)
    {
        var src = _source;
        var pos = start;
        var isFloat = false;
        if (src[pos] == '-')
        {
            pos++;
        }
        if (pos < src.Length && src[pos] == '0')
        {
            pos++;
            if (pos < src.Length && char.IsAsciiDigit(src[pos]))
            {
                throw SyntaxErrors.At(src, pos,
                    "Invalid number, unexpected digit after 0: " + SyntaxErrors.DescribeCharAt(src, pos) + ".");
            }
        }
        else
        {
            pos = ReadDigits(src, pos);
        }
        if (pos < src.Length && src[pos] == '.')
        {
            isFloat = true;
            pos = ReadDigits(src, pos + 1);
        }
        if (pos < src.Length && src[pos] is 'e' or 'E')
        {
            isFloat = true;
            pos++;
            if (pos < src.Length && src[pos] is '+' or '-')
            {
                pos++;
            }
            pos = ReadDigits(src, pos);
        }
        if (pos < src.Length && (src[pos] == '.' || IsNameStart(src[pos])))
        {
            throw SyntaxErrors.At(src, pos, "Invalid number, expected digit but got: " + SyntaxErrors.DescribeCharAt(src, pos) + ".");
        }
        _position = pos;
        return new Token(isFloat ? TokenKind.Float : TokenKind.Int, start, pos, _line, start - _lineStart + 1);
    }

    /// <summary>Digit+ — at least one digit is required where a number part starts.</summary>
    private static int ReadDigits(ReadOnlySpan<char> src, int pos)
    {
        if (pos >= src.Length || !char.IsAsciiDigit(src[pos]))
        {
            throw SyntaxErrors.At(src, pos, "Invalid number, expected digit but got: " + SyntaxErrors.DescribeCharAt(src, pos) + ".");
        }
        pos++;
        while (pos < src.Length && char.IsAsciiDigit(src[pos]))
        {
            pos++;
        }
        return pos;
    }

    /// <summary>
    /// StringValue :: " StringCharacter* " where StringCharacter :: SourceCharacter but not " or \ or LineTerminator
    /// | \uEscapedUnicode | \EscapedCharacter. A first pass finds where the string stops; escapes are decoded only
    /// when present, and in source order so the first error reported is the first one in the text.
    /// </summary>
    private Token ReadString(int start)
    {
        var src = _source;
        var pos = start + 1;
        var hasEscape = false;
        string? stopError = null;
        while (true)
        {
            if (pos >= src.Length)
            {
                pos = src.Length;
                stopError = "Unterminated string.";
                break;
            }
            var c = src[pos];
            if (c == '"')
            {
                break;
            }
            if (c == '\\')
            {
                hasEscape = true;
                pos += 2;
                continue;
            }
            if (c is '\n' or '\r')
            {
                stopError = "Unterminated string.";
                break;
            }
            if (char.IsSurrogate(c))
            {
                if (!IsSurrogatePair(src, pos))
                {
                    stopError = "Invalid character within String: " + SyntaxErrors.DescribeCharAt(src, pos) + ".";
                    break;
                }
                pos += 2;
                continue;
            }
            pos++;
        }

        string? value = null;
        if (hasEscape)
        {
            value = DecodeEscapes(src, start + 1, pos);
        }
        if (stopError is not null)
        {
            throw SyntaxErrors.At(src, pos, stopError);
        }
        value ??= new string(src[(start + 1)..pos]);
        _position = pos + 1;
        return new Token(TokenKind.String, start, pos + 1, _line, start - _lineStart + 1, value);
    }

    private static string DecodeEscapes(ReadOnlySpan<char> src, int from, int to)
    {
        // Every escape is longer than what it stands for, so the raw length bounds the cooked one.
        var rawLength = to - from;
        char[]? rented = null;
        var buffer = rawLength <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(rawLength));
        try
        {
            var n = 0;
            var pos = from;
            while (pos < to)
            {
                var c = src[pos];
                if (c != '\\')
                {
                    buffer[n++] = c;
                    pos++;
                    continue;
                }
                var next = pos + 1 < src.Length ? src[pos + 1] : '\0';
                switch (next)
                {
                    case '"': buffer[n++] = '"'; pos += 2; break;
                    case '\\': buffer[n++] = '\\'; pos += 2; break;
                    case '/': buffer[n++] = '/'; pos += 2; break;
                    case 'b': buffer[n++] = '\b'; pos += 2; break;
                    case 'f': buffer[n++] = '\f'; pos += 2; break;
                    case 'n': buffer[n++] = '\n'; pos += 2; break;
                    case 'r': buffer[n++] = '\r'; pos += 2; break;
                    case 't': buffer[n++] = '\t'; pos += 2; break;
                    case 'u' when pos + 2 < src.Length && src[pos + 2] == '{':
                        pos = ReadVariableWidthEscape(src, pos, buffer, ref n);
                        break;
                    case 'u':
                        pos = ReadFixedWidthEscape(src, pos, buffer, ref n);
                        break;
                    default:
                        throw SyntaxErrors.At(src, pos,
                            "Invalid character escape sequence: \"" + SyntaxErrors.Slice(src, pos, 2) + "\".");
                }
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

    /// <summary>EscapedUnicode :: { HexDigit+ } — a Unicode scalar value written with 1 to 8 hex digits.</summary>
    private static int ReadVariableWidthEscape(ReadOnlySpan<char> src, int pos, Span<char> buffer, ref int n)
    {
        var point = 0;
        var size = 3;
        while (size < 12)
        {
            var at = pos + size++;
            var c = at < src.Length ? src[at] : '\0';
            if (c == '}')
            {
                if (size < 5 || !IsScalarValue(point))
                {
                    break;
                }
                n += new System.Text.Rune(point).EncodeToUtf16(buffer[n..]);
                return pos + size;
            }
            var digit = HexValue(c);
            if (digit < 0)
            {
                break;
            }
            // Eight hex digits can overflow into the sign bit, which ends the sequence as graphql-js does.
            point = (point << 4) | digit;
            if (point < 0)
            {
                break;
            }
        }
        throw SyntaxErrors.At(src, pos, "Invalid Unicode escape sequence: \"" + SyntaxErrors.Slice(src, pos, size) + "\".");
    }

    /// <summary>
    /// EscapedUnicode :: HexDigit HexDigit HexDigit HexDigit. A leading surrogate must be followed by an escaped
    /// trailing surrogate; the pair is joined. A lone surrogate escape is an error.
    /// </summary>
    private static int ReadFixedWidthEscape(ReadOnlySpan<char> src, int pos, Span<char> buffer, ref int n)
    {
        var code = Read4Hex(src, pos + 2);
        if (code >= 0 && IsScalarValue(code))
        {
            buffer[n++] = (char)code;
            return pos + 6;
        }
        if (code is >= 0xD800 and <= 0xDBFF
            && pos + 7 < src.Length && src[pos + 6] == '\\' && src[pos + 7] == 'u')
        {
            var trailing = Read4Hex(src, pos + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                buffer[n++] = (char)code;
                buffer[n++] = (char)trailing;
                return pos + 12;
            }
        }
        throw SyntaxErrors.At(src, pos, "Invalid Unicode escape sequence: \"" + SyntaxErrors.Slice(src, pos, 6) + "\".");
    }

    private static int Read4Hex(ReadOnlySpan<char> src, int pos)
    {
        if (pos + 4 > src.Length)
        {
            return -1;
        }
        var a = HexValue(src[pos]);
        var b = HexValue(src[pos + 1]);
        var c = HexValue(src[pos + 2]);
        var d = HexValue(src[pos + 3]);
        return (a | b | c | d) < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsScalarValue(int code) => code is (>= 0 and <= 0xD7FF) or (>= 0xE000 and <= 0x10FFFF);

    /// <summary>
    /// BlockString :: """ BlockStringCharacter* """ where \""" stands for """. The value is the spec's
    /// BlockStringValue(): common indentation removed from all lines but the first, blank leading and trailing lines
    /// dropped, lines joined with \n.
    /// </summary>
    private Token ReadBlockString(int start)
    {
        var src = _source;
        var line = _line;
        var lineStart = _lineStart;
        var pos = start + 3;
        var hasEscape = false;
        while (true)
        {
            if (pos >= src.Length)
            {
                throw SyntaxErrors.At(src, src.Length, "Unterminated string.");
            }
            var c = src[pos];
            if (c == '"' && pos + 2 < src.Length && src[pos + 1] == '"' && src[pos + 2] == '"')
            {
                break;
            }
            if (c == '\\' && pos + 3 < src.Length && src[pos + 1] == '"' && src[pos + 2] == '"' && src[pos + 3] == '"')
            {
                hasEscape = true;
                pos += 4;
                continue;
            }
            if (c is '\n' or '\r')
            {
                pos += c == '\r' && pos + 1 < src.Length && src[pos + 1] == '\n' ? 2 : 1;
                line++;
                lineStart = pos;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                if (!IsSurrogatePair(src, pos))
                {
                    throw SyntaxErrors.At(src, pos, "Invalid character within String: " + SyntaxErrors.DescribeCharAt(src, pos) + ".");
                }
                pos += 2;
                continue;
            }
            pos++;
        }

        var value = BlockString.Dedent(src[(start + 3)..pos], hasEscape);
        var token = new Token(TokenKind.BlockString, start, pos + 3, _line, start - _lineStart + 1, value);
        _line = line;
        _lineStart = lineStart;
        _position = pos + 3;
        return token;
    }
}
