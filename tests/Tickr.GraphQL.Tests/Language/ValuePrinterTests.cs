using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Language;

public class ValuePrinterTests
{
    private static NameNode N(string s) => new(s);

    [Fact]
    public void Object_and_list_values_print_like_graphql_js()
    {
        var value = new ObjectValueNode
        {
            Fields =
            [
                new ObjectFieldNode { Name = N("a"), Value = new IntValueNode { Value = "1" } },
                new ObjectFieldNode
                {
                    Name = N("b"),
                    Value = new ListValueNode { Values = [new IntValueNode { Value = "1" }, new IntValueNode { Value = "2" }] },
                },
            ],
        };
        Assert.Equal("{a: 1, b: [1, 2]}", Printer.Print(value));
    }

    [Fact]
    public void Scalar_values_print_their_literal_form()
    {
        Assert.Equal("1.5e3", Printer.Print(new FloatValueNode { Value = "1.5e3" }));
        Assert.Equal("true", Printer.Print(BooleanValueNode.True));
        Assert.Equal("false", Printer.Print(BooleanValueNode.False));
        Assert.Equal("null", Printer.Print(NullValueNode.Instance));
        Assert.Equal("RED", Printer.Print(new EnumValueNode { Value = "RED" }));
        Assert.Equal("$v", Printer.Print(new VariableNode { Name = N("v") }));
        Assert.Equal("[]", Printer.Print(new ListValueNode { Values = [] }));
        Assert.Equal("{}", Printer.Print(new ObjectValueNode { Fields = [] }));
    }

    [Fact]
    public void Strings_are_escaped_like_graphql_js_printString()
    {
        Assert.Equal("\"abc\"", Printer.Print(new StringValueNode { Value = "abc" }));
        Assert.Equal("\"a\\\"b\\\\c\"", Printer.PrintString("a\"b\\c"));
        Assert.Equal("\"\\b\\t\\n\\u000B\\f\\r\\u0000\\u001F\"", Printer.PrintString("\b\t\n\v\f\r\0\u001f"));
        Assert.Equal("\"\\u007F\\u009F\u00A0\"", Printer.PrintString("\u007f\u009f\u00a0"));
        Assert.Equal("\"/ \u00e9 \U0001F600\"", Printer.PrintString("/ \u00e9 \U0001F600"));
    }

    [Theory]
    [InlineData("", "\"\"\"\"\"\"")]
    [InlineData("hello", "\"\"\"hello\"\"\"")]
    [InlineData(" indented", "\"\"\" indented\"\"\"")]
    [InlineData("a\nb", "\"\"\"\na\nb\n\"\"\"")]
    [InlineData("a \"\"\" b", "\"\"\"a \\\"\"\" b\"\"\"")]
    [InlineData("ends with \"", "\"\"\"\nends with \"\n\"\"\"")]
    [InlineData("ends with \\", "\"\"\"\nends with \\\n\"\"\"")]
    [InlineData("x\n  y", "\"\"\"\nx\n  y\n\"\"\"")]
    [InlineData("  x\n  y", "\"\"\"\n  x\n  y\n\"\"\"")]
    [InlineData("ends \"\"\"", "\"\"\"\nends \\\"\"\"\n\"\"\"")]
    public void Block_strings_follow_printBlockString(string value, string expected)
    {
        Assert.Equal(expected, Printer.PrintBlockString(value));
    }

    [Fact]
    public void Long_single_line_block_string_gets_its_own_lines()
    {
        var value = new string('x', 71);
        Assert.Equal("\"\"\"\n" + value + "\n\"\"\"", Printer.PrintBlockString(value));
    }
}
