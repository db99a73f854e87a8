using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Language;

/// <summary>Inputs built to hurt a parser must end in a located GraphQLSyntaxException, never another exception.</summary>
public class HostileInputTests
{
    private static readonly ParserOptions Unlimited = new() { MaxTokens = int.MaxValue, MaxDepth = int.MaxValue };

    private static GraphQLSyntaxException Fails(Func<object> parse)
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(parse);
        Assert.True(ex.Location.Line >= 1 && ex.Location.Column >= 1);
        Assert.NotNull(ex.Error.Locations);
        return ex;
    }

    [Fact]
    public void Hundred_thousand_open_braces_fail_on_the_second_brace()
    {
        var ex = Fails(() => Parser.Parse(new string('{', 100_000)));
        Assert.Equal("Syntax Error: Expected Name, found \"{\".", ex.Message);
        Assert.Equal(new SourceLocation(1, 2), ex.Location);
    }

    [Fact]
    public void Deeply_nested_selection_sets_stop_at_max_depth()
    {
        var ex = Fails(() => Parser.Parse(string.Concat(Enumerable.Repeat("{a", 100_000))));
        Assert.Equal("Syntax Error: Document exceeds the maximum nesting depth of 200. Parsing aborted.", ex.Message);
        Assert.Equal(new SourceLocation(1, 401), ex.Location);
        Assert.Equal(ErrorCodes.SyntaxError, ex.Error.Code);
    }

    [Fact]
    public void Deeply_nested_lists_stop_at_max_depth()
    {
        var ex = Fails(() => Parser.Parse("{ a(b: " + new string('[', 100_000) + ") }"));
        Assert.Contains("maximum nesting depth of 200", ex.Message, StringComparison.Ordinal);
        Fails(() => Parser.ParseValue(new string('[', 100_000)));
        Fails(() => Parser.ParseValue(string.Concat(Enumerable.Repeat("{a:", 100_000))));
        Fails(() => Parser.Parse("query ($a: " + new string('[', 100_000) + "Int) { a }"));
        Fails(() => Parser.ParseType(new string('[', 100_000) + "Int"));
    }

    [Fact]
    public void Nesting_up_to_max_depth_is_accepted_and_one_more_level_is_not()
    {
        var options = new ParserOptions { MaxDepth = 10 };
        Assert.IsType<ListValueNode>(Parser.ParseValue(new string('[', 10) + new string(']', 10), options));
        Fails(() => Parser.ParseValue(new string('[', 11) + new string(']', 11), options));
        var tenLevels = string.Concat(Enumerable.Repeat("{a", 10)) + new string('}', 10);
        Assert.Single(Parser.Parse(tenLevels, options).Definitions);
        Fails(() => Parser.Parse("{a" + tenLevels + "}", options));
    }

    [Fact]
    public void Without_limits_deep_nesting_still_ends_in_a_syntax_error_not_a_stack_overflow()
    {
        // Run on a thread with a small stack to make sure the stack guard, not the depth limit, is what stops it.
        GraphQLSyntaxException? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                Parser.Parse(string.Concat(Enumerable.Repeat("{a", 100_000)), Unlimited);
            }
            catch (GraphQLSyntaxException e)
            {
                caught = e;
            }
            try
            {
                Parser.ParseValue(new string('[', 100_000), Unlimited);
            }
            catch (GraphQLSyntaxException e)
            {
                caught ??= e;
                Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(caught);
        Assert.Contains("nested too deeply", caught!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_max_tokens_is_accepted()
    {
        // { + 14,998 names + } = 15,000 tokens.
        var doc = Parser.Parse("{" + string.Concat(Enumerable.Repeat(" a", 14_998)) + "}");
        Assert.Equal(15_000, doc.TokenCount);
    }

    [Fact]
    public void One_token_more_than_max_tokens_is_rejected_with_its_code()
    {
        var ex = Fails(() => Parser.Parse("{" + string.Concat(Enumerable.Repeat(" a", 14_999)) + "}"));
        Assert.Equal("Syntax Error: Document contains more than 15000 tokens. Parsing aborted.", ex.Message);
        Assert.Equal(ErrorCodes.MaxTokensExceeded, ex.Error.Code);
        Assert.Equal(new SourceLocation(1, 30_000), ex.Location);
    }

    [Fact]
    public void Max_tokens_is_configurable_and_ignores_comments()
    {
        var options = new ParserOptions { MaxTokens = 3 };
        Assert.Equal(3, Parser.Parse("# one\n# two\n{ a }", options).TokenCount);
        var ex = Fails(() => Parser.Parse("{ a b }", options));
        Assert.Equal("Syntax Error: Document contains more than 3 tokens. Parsing aborted.", ex.Message);
    }

    [Fact]
    public void Huge_strings_comments_names_and_numbers_are_handled()
    {
        var big = new string('x', 2_000_000);
        var value = (StringValueNode)((FieldNode)((OperationDefinitionNode)Parser.Parse("{ a(b: \"" + big + "\") }").Definitions[0])
            .SelectionSet.Selections[0]).Arguments[0].Value;
        Assert.Equal(big.Length, value.Value.Length);
        Assert.Single(Parser.Parse("#" + big + "\n{ a }").Definitions);
        Assert.Single(Parser.Parse("{ " + big + " }").Definitions);
        Assert.Single(Parser.Parse("{ a(b: " + new string('9', 100_000) + ") }").Definitions);
        Assert.Single(Parser.Parse("{ a" + new string(',', 1_000_000) + " }").Definitions);
        var block = Parser.ParseValue("\"\"\"" + string.Concat(Enumerable.Repeat("  line\n", 100_000)) + "\"\"\"");
        // The first line keeps its indentation (BlockStringValue never dedents it).
        Assert.Equal(6 + (99_999 * 5), ((StringValueNode)block).Value.Length);
    }

    [Fact]
    public void Huge_unterminated_strings_are_located_at_the_end()
    {
        var ex = Fails(() => Parser.Parse("{ a(b: \"" + new string('x', 1_000_000)));
        Assert.Equal("Syntax Error: Unterminated string.", ex.Message);
        Assert.Equal(new SourceLocation(1, 1_000_009), ex.Location);
    }

    [Fact]
    public void Unterminated_block_string_is_located_at_the_end_of_the_source()
    {
        var ex = Fails(() => Parser.Parse("{ a(b: \"\"\"abc\n\ndef"));
        Assert.Equal("Syntax Error: Unterminated string.", ex.Message);
        Assert.Equal(new SourceLocation(3, 4), ex.Location);
        Fails(() => Parser.Parse("\"\"\""));
        Fails(() => Parser.Parse("\"\"\"\\\"\"\""));
    }

    /// <summary>Kept out of [InlineData]: test runners re-encode theory data as UTF-8, which replaces lone surrogates.</summary>
    private static readonly (string Source, string Message, int Line, int Column)[] InvalidUtf16Cases =
    [
        ("{ a\uD800 }", "Invalid character: U+D800.", 1, 4),
        ("{ a \uDBFF\uDBFF }", "Invalid character: U+DBFF.", 1, 5),
        ("{ a(b: \"\uD800\") }", "Invalid character within String: U+D800.", 1, 9),
        ("{ a(b: \"x\uDC00x\") }", "Invalid character within String: U+DC00.", 1, 10),
        ("{ a(b: \"\"\"\uD800\"\"\") }", "Invalid character within String: U+D800.", 1, 11),
        ("{ a(b: \"\\uD800\") }", "Invalid Unicode escape sequence: \"\\uD800\".", 1, 9),
        ("{ a(b: \"\\uDC00\\uD800\") }", "Invalid Unicode escape sequence: \"\\uDC00\".", 1, 9),
        ("{ a(b: \"\\u{D800}\") }", "Invalid Unicode escape sequence: \"\\u{D800}\".", 1, 9),
        ("# comment \uD800\n{ a }", "Invalid character: U+D800.", 1, 11),
        ("{ a } \uDFFF", "Invalid character: U+DFFF.", 1, 7),
    ];

    [Fact]
    public void Invalid_utf16_is_a_located_syntax_error()
    {
        // Cross-checked with graphql-js 16.15, which reads sources as UTF-16 too.
        foreach (var (source, message, line, column) in InvalidUtf16Cases)
        {
            var ex = Fails(() => Parser.Parse(source));
            Assert.Equal("Syntax Error: " + message, ex.Message);
            Assert.Equal(new SourceLocation(line, column), ex.Location);
        }
    }

    [Fact]
    public void Valid_surrogate_pair_escape_is_joined()
    {
        var value = (StringValueNode)Parser.ParseValue("\"\\uD83D\\uDE00 \\u{1F600}\"");
        Assert.Equal("\U0001F600 \U0001F600", value.Value);
    }

    [Fact]
    public void Control_and_nul_characters_outside_strings_are_unexpected()
    {
        Assert.Equal("Syntax Error: Unexpected character: U+0000.", Fails(() => Parser.Parse("{ a }\0")).Message);
        Assert.Equal("Syntax Error: Unexpected character: U+001B.", Fails(() => Parser.Parse("\u001B")).Message);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_another_exception()
    {
        var random = new Random(1234);
        const string alphabet = "{}()[]:$@!=|&.\"\\ \n\r\t,#abcon0123456789-+eE_\uD800\uDC00\uFEFF'u";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }
            var source = new string(chars);
            try
            {
                var doc = Parser.Parse(source);
                // Whatever parses must print and reparse to the same text.
                var printed = Printer.Print(doc);
                Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
            }
            catch (GraphQLSyntaxException e)
            {
                Assert.True(e.Location.Line >= 1 && e.Location.Column >= 1, source);
            }
        }
    }

    [Fact]
    public void Mutations_of_the_kitchen_sink_never_escape_as_another_exception()
    {
        var random = new Random(42);
        var source = KitchenSink.Executable + "\n" + KitchenSink.Schema;
        for (var i = 0; i < 2000; i++)
        {
            var chars = source.ToCharArray();
            var edits = random.Next(1, 4);
            for (var k = 0; k < edits; k++)
            {
                chars[random.Next(chars.Length)] = "{}()[]\"\\$@:!|&.#\n x1"[random.Next(20)];
            }
            var cut = random.Next(chars.Length / 2, chars.Length + 1);
            try
            {
                Parser.Parse(new string(chars, 0, cut));
            }
            catch (GraphQLSyntaxException e)
            {
                Assert.True(e.Location.Line >= 1);
            }
        }
    }
}
