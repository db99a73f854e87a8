using Tickr.GraphQL.Language;

namespace Tickr.GraphQL.Tests.Language;

public class LexerTests
{
    private static Token LexOne(string source)
    {
        var lexer = new Lexer(source);
        lexer.Advance();
        return lexer.Token;
    }

    private static string TextOf(string source, Token token) => source[token.Start..token.End];

    private static List<(TokenKind Kind, string Text)> LexAll(string source)
    {
        var lexer = new Lexer(source);
        var tokens = new List<(TokenKind, string)>();
        while (lexer.Advance() != TokenKind.EndOfFile)
        {
            var t = lexer.Token;
            tokens.Add((t.Kind, t.Value ?? source[t.Start..t.End]));
        }
        return tokens;
    }

    private static GraphQLSyntaxException LexError(string source)
    {
        return Assert.Throws<GraphQLSyntaxException>(() =>
        {
            var lexer = new Lexer(source);
            while (lexer.Advance() != TokenKind.EndOfFile)
            {
            }
        });
    }

    [Theory]
    [InlineData("!", TokenKind.Bang)]
    [InlineData("$", TokenKind.Dollar)]
    [InlineData("&", TokenKind.Amp)]
    [InlineData("(", TokenKind.ParenL)]
    [InlineData(")", TokenKind.ParenR)]
    [InlineData("...", TokenKind.Spread)]
    [InlineData(":", TokenKind.Colon)]
    [InlineData("=", TokenKind.Equals)]
    [InlineData("@", TokenKind.At)]
    [InlineData("[", TokenKind.BracketL)]
    [InlineData("]", TokenKind.BracketR)]
    [InlineData("{", TokenKind.BraceL)]
    [InlineData("|", TokenKind.Pipe)]
    [InlineData("}", TokenKind.BraceR)]
    [InlineData("name", TokenKind.Name)]
    [InlineData("_under_score9", TokenKind.Name)]
    [InlineData("0", TokenKind.Int)]
    [InlineData("-0", TokenKind.Int)]
    [InlineData("1234567890", TokenKind.Int)]
    [InlineData("-42", TokenKind.Int)]
    [InlineData("0.0", TokenKind.Float)]
    [InlineData("-1.5", TokenKind.Float)]
    [InlineData("1e10", TokenKind.Float)]
    [InlineData("1E-10", TokenKind.Float)]
    [InlineData("6.0221e+23", TokenKind.Float)]
    [InlineData("\"str\"", TokenKind.String)]
    [InlineData("\"\"\"block\"\"\"", TokenKind.BlockString)]
    public void Every_token_kind_is_recognised_with_its_range(string source, TokenKind kind)
    {
        var token = LexOne(source);
        Assert.Equal(kind, token.Kind);
        Assert.Equal(0, token.Start);
        Assert.Equal(source.Length, token.End);
        Assert.Equal(1, token.Line);
        Assert.Equal(1, token.Column);
    }

    [Fact]
    public void Empty_source_yields_end_of_file_and_stays_there()
    {
        var lexer = new Lexer("");
        Assert.Equal(TokenKind.StartOfFile, lexer.Token.Kind);
        Assert.Equal(TokenKind.EndOfFile, lexer.Advance());
        Assert.Equal(TokenKind.EndOfFile, lexer.Advance());
    }

    [Fact]
    public void Ignored_tokens_are_skipped_bom_whitespace_commas_and_comments()
    {
        var tokens = LexAll("\uFEFF \t,a,,\n# comment } {\r\nb\rc\uFEFF#tail");
        Assert.Equal([(TokenKind.Name, "a"), (TokenKind.Name, "b"), (TokenKind.Name, "c")], tokens);
    }

    [Fact]
    public void Lines_end_at_lf_crlf_and_cr_and_columns_are_one_based()
    {
        const string source = "a\nb\r\nc\rd\n\n   e";
        var lexer = new Lexer(source);
        var seen = new List<(int, int)>();
        while (lexer.Advance() != TokenKind.EndOfFile)
        {
            seen.Add((lexer.Token.Line, lexer.Token.Column));
        }
        Assert.Equal([(1, 1), (2, 1), (3, 1), (4, 1), (6, 4)], seen);
    }

    [Fact]
    public void Block_string_line_breaks_advance_the_line_of_following_tokens()
    {
        var lexer = new Lexer("\"\"\"a\n\nb\"\"\" next");
        lexer.Advance();
        Assert.Equal((1, 1), (lexer.Token.Line, lexer.Token.Column));
        lexer.Advance();
        Assert.Equal((3, 6), (lexer.Token.Line, lexer.Token.Column));
    }

    [Fact]
    public void Lookahead_does_not_consume_the_current_token()
    {
        var lexer = new Lexer("a b");
        lexer.Advance();
        var next = lexer.Lookahead();
        Assert.Equal(2, next.Start);
        Assert.Equal(0, lexer.Token.Start);
        lexer.Advance();
        Assert.Equal(2, lexer.Token.Start);
    }

    [Fact]
    public void Names_and_numbers_carry_no_value_string_only_their_range()
    {
        const string source = "name 12";
        var lexer = new Lexer(source);
        lexer.Advance();
        Assert.Null(lexer.Token.Value);
        Assert.Equal("name", lexer.TextOf(lexer.Token).ToString());
        lexer.Advance();
        Assert.Equal("12", TextOf(source, lexer.Token));
    }

    [Theory]
    [InlineData("\"simple\"", "simple")]
    [InlineData("\" white space \"", " white space ")]
    [InlineData("\"quote \\\"\"", "quote \"")]
    [InlineData("\"escaped \\n\\r\\b\\t\\f\"", "escaped \n\r\b\t\f")]
    [InlineData("\"slashes \\\\ \\/\"", "slashes \\ /")]
    [InlineData("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\"", "unicode \u1234\u5678\u90AB\uCDEF")]
    [InlineData("\"variable \\u{1234}\\u{0}\\u{10FFFF}\"", "variable \u1234\0\U0010FFFF")]
    [InlineData("\"pair \\uD83D\\uDE00\"", "pair \U0001F600")]
    [InlineData("\"braced \\u{1F600}\"", "braced \U0001F600")]
    [InlineData("\"raw \u00e9 \U0001F600\"", "raw \u00e9 \U0001F600")]
    [InlineData("\"control \u0007 allowed\"", "control \u0007 allowed")]
    public void String_values_are_cooked(string source, string expected)
    {
        var token = LexOne(source);
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(expected, token.Value);
    }

    [Theory]
    [InlineData("\"\"\"simple\"\"\"", "simple")]
    [InlineData("\"\"\" white space \"\"\"", " white space ")]
    [InlineData("\"\"\"contains \" quote\"\"\"", "contains \" quote")]
    [InlineData("\"\"\"contains \\\"\"\" triple quote\"\"\"", "contains \"\"\" triple quote")]
    [InlineData("\"\"\"no escapes \\n \\u1234\"\"\"", "no escapes \\n \\u1234")]
    [InlineData("\"\"\"\n\n   spans\n     multiple\n   lines\n\n\"\"\"", "spans\n  multiple\nlines")]
    [InlineData("\"\"\"first kept\n   second\n  third\"\"\"", "first kept\n second\nthird")]
    [InlineData("\"\"\"\r\n  crlf\r\n  lines\r\n\"\"\"", "crlf\nlines")]
    [InlineData("\"\"\"\r  cr\r  lines\r\"\"\"", "cr\nlines")]
    [InlineData("\"\"\"\n\t\ttabs\n\t\tindent\"\"\"", "tabs\nindent")]
    [InlineData("\"\"\"   \n\n   \"\"\"", "")]
    [InlineData("\"\"\"\"\"\"", "")]
    [InlineData("\"\"\"  a\n  \n  b\"\"\"", "  a\n\nb")]
    public void Block_string_values_follow_BlockStringValue(string source, string expected)
    {
        var token = LexOne(source);
        Assert.Equal(TokenKind.BlockString, token.Kind);
        Assert.Equal(expected, token.Value);
    }

    [Fact]
    public void Block_string_longer_than_the_stack_buffer_is_dedented()
    {
        var body = string.Concat(Enumerable.Repeat("    line of text\n", 100));
        var token = LexOne("\"\"\"\n" + body + "\"\"\"");
        Assert.Equal(string.Join('\n', Enumerable.Repeat("line of text", 100)), token.Value);
    }

    [Fact]
    public void String_with_escapes_longer_than_the_stack_buffer_is_decoded()
    {
        var body = string.Concat(Enumerable.Repeat("ab\\n", 200));
        var token = LexOne("\"" + body + "\"");
        Assert.Equal(string.Concat(Enumerable.Repeat("ab\n", 200)), token.Value);
    }

    [Theory]
    [InlineData("?", "Unexpected character: \"?\".", 1, 1)]
    [InlineData("  ~", "Unexpected character: \"~\".", 1, 3)]
    [InlineData("\u0007", "Unexpected character: U+0007.", 1, 1)]
    [InlineData("\u00e9", "Unexpected character: U+00E9.", 1, 1)]
    [InlineData("\U0001F600", "Unexpected character: U+1F600.", 1, 1)]
    [InlineData("\"a\" '", "Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 5)]
    [InlineData("..", "Unexpected character: \".\".", 1, 1)]
    [InlineData(".a", "Unexpected character: \".\".", 1, 1)]
    [InlineData("00", "Invalid number, unexpected digit after 0: \"0\".", 1, 2)]
    [InlineData("-01", "Invalid number, unexpected digit after 0: \"1\".", 1, 3)]
    [InlineData("1.", "Invalid number, expected digit but got: <EOF>.", 1, 3)]
    [InlineData("1.e1", "Invalid number, expected digit but got: \"e\".", 1, 3)]
    [InlineData(".123", "Unexpected character: \".\".", 1, 1)]
    [InlineData("1.A", "Invalid number, expected digit but got: \"A\".", 1, 3)]
    [InlineData("-A", "Invalid number, expected digit but got: \"A\".", 1, 2)]
    [InlineData("-", "Invalid number, expected digit but got: <EOF>.", 1, 2)]
    [InlineData("1e", "Invalid number, expected digit but got: <EOF>.", 1, 3)]
    [InlineData("1.0e+", "Invalid number, expected digit but got: <EOF>.", 1, 6)]
    [InlineData("1.0eA", "Invalid number, expected digit but got: \"A\".", 1, 5)]
    [InlineData("0x1", "Invalid number, expected digit but got: \"x\".", 1, 2)]
    [InlineData("1a", "Invalid number, expected digit but got: \"a\".", 1, 2)]
    [InlineData("1_000", "Invalid number, expected digit but got: \"_\".", 1, 2)]
    [InlineData("1.2.3", "Invalid number, expected digit but got: \".\".", 1, 4)]
    [InlineData("1.23.4", "Invalid number, expected digit but got: \".\".", 1, 5)]
    [InlineData("\"", "Unterminated string.", 1, 2)]
    [InlineData("\"no end", "Unterminated string.", 1, 8)]
    [InlineData("\"multi\nline\"", "Unterminated string.", 1, 7)]
    [InlineData("\"multi\rline\"", "Unterminated string.", 1, 7)]
    [InlineData("\"bad \\z esc\"", "Invalid character escape sequence: \"\\z\".", 1, 6)]
    [InlineData("\"bad \\x esc\"", "Invalid character escape sequence: \"\\x\".", 1, 6)]
    [InlineData("\"bad \\u1 esc\"", "Invalid Unicode escape sequence: \"\\u1 es\".", 1, 6)]
    [InlineData("\"bad \\u0XX1 esc\"", "Invalid Unicode escape sequence: \"\\u0XX1\".", 1, 6)]
    [InlineData("\"bad \\uXXXX esc\"", "Invalid Unicode escape sequence: \"\\uXXXX\".", 1, 6)]
    [InlineData("\"bad \\uFXXX esc\"", "Invalid Unicode escape sequence: \"\\uFXXX\".", 1, 6)]
    [InlineData("\"bad \\u{} esc\"", "Invalid Unicode escape sequence: \"\\u{}\".", 1, 6)]
    [InlineData("\"bad \\u{FXXX} esc\"", "Invalid Unicode escape sequence: \"\\u{FX\".", 1, 6)]
    [InlineData("\"bad \\u{FFFF esc\"", "Invalid Unicode escape sequence: \"\\u{FFFF \".", 1, 6)]
    [InlineData("\"bad \\u{110000} esc\"", "Invalid Unicode escape sequence: \"\\u{110000}\".", 1, 6)]
    [InlineData("\"bad \\u{DFFF} esc\"", "Invalid Unicode escape sequence: \"\\u{DFFF}\".", 1, 6)]
    [InlineData("\"bad \\u{000000041} esc\"", "Invalid Unicode escape sequence: \"\\u{000000041\".", 1, 6)]
    [InlineData("\"lone \\uD83D esc\"", "Invalid Unicode escape sequence: \"\\uD83D\".", 1, 7)]
    [InlineData("\"lone \\uDE00 esc\"", "Invalid Unicode escape sequence: \"\\uDE00\".", 1, 7)]
    [InlineData("\"half \\uD83D\\u0041\"", "Invalid Unicode escape sequence: \"\\uD83D\".", 1, 7)]
    [InlineData("\"\\", "Invalid character escape sequence: \"\\\".", 1, 2)]
    [InlineData("\"\"\"", "Unterminated string.", 1, 4)]
    [InlineData("\"\"\"no end\n\nhere", "Unterminated string.", 3, 5)]
    [InlineData("\"\"\"\"\"", "Unterminated string.", 1, 6)]
    [InlineData("a\n  \"x\\q\"", "Invalid character escape sequence: \"\\q\".", 2, 5)]
    public void Lexical_errors_report_graphql_js_messages_at_the_offending_position(string source, string message, int line, int column)
    {
        var ex = LexError(source);
        Assert.Equal("Syntax Error: " + message, ex.Message);
        Assert.Equal(line, ex.Location.Line);
        Assert.Equal(column, ex.Location.Column);
    }

    [Fact]
    public void Lone_surrogate_characters_are_invalid_everywhere_but_comments_stop_at_them()
    {
        Assert.Equal("Syntax Error: Invalid character: U+D800.", LexError("\uD800").Message);
        Assert.Equal("Syntax Error: Invalid character: U+DC00.", LexError("a \uDC00").Message);
        Assert.Equal("Syntax Error: Invalid character within String: U+D800.", LexError("\"a\uD800\"").Message);
        Assert.Equal("Syntax Error: Invalid character within String: U+DE00.", LexError("\"\"\"\uDE00\"\"\"").Message);
        var inComment = LexError("# comment \uD800 more");
        Assert.Equal("Syntax Error: Invalid character: U+D800.", inComment.Message);
        Assert.Equal(11, inComment.Location.Column);
        Assert.Equal("Syntax Error: Invalid character: U+D83D.", LexError("\uD83D").Message);
    }

    [Fact]
    public void Valid_surrogate_pairs_are_accepted_in_strings_and_comments()
    {
        Assert.Equal([(TokenKind.String, "\U0001F600")], LexAll("# \U0001F600 comment\n\"\U0001F600\""));
    }
}
