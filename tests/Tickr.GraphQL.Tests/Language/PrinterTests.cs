using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Language;

public class PrinterTests
{
    private static string Reprint(string source) => Printer.Print(Parser.Parse(source));

    [Fact]
    public void Anonymous_query_without_variables_or_directives_prints_as_shorthand()
    {
        Assert.Equal("{\n  a\n}", Reprint("query { a }"));
        Assert.Equal("query @d {\n  a\n}", Reprint("query @d { a }"));
        Assert.Equal("query ($v: Int) {\n  a\n}", Reprint("query ($v: Int) { a }"));
        Assert.Equal("mutation {\n  a\n}", Reprint("mutation { a }"));
    }

    [Fact]
    public void Operation_header_prints_variables_defaults_and_directives_on_one_line()
    {
        Assert.Equal("query Q($a: Int = 1, $b: [String!]! @v) @d {\n  a\n}", Reprint("query Q($a:Int=1 $b:[String!]!@v)@d{a}"));
    }

    [Fact]
    public void Field_arguments_wrap_when_the_line_would_exceed_eighty_characters()
    {
        var fits = "{ f(a: \"" + new string('x', 71) + "\") }"; // f(a: "…") is exactly 80 characters
        Assert.Equal("{\n  f(a: \"" + new string('x', 71) + "\")\n}", Reprint(fits));
        var wraps = "{ f(a: \"" + new string('x', 72) + "\", b: 1) }";
        Assert.Equal("{\n  f(\n    a: \"" + new string('x', 72) + "\"\n    b: 1\n  )\n}", Reprint(wraps));
    }

    [Fact]
    public void Block_strings_nested_in_selections_are_indented_with_their_block()
    {
        Assert.Equal("{\n  a {\n    b(c: \"\"\"\n    x\n    y\n    \"\"\")\n  }\n}", Reprint("{ a { b(c: \"\"\"x\ny\"\"\") } }"));
    }

    [Fact]
    public void Individual_nodes_print_on_their_own()
    {
        var field = ((OperationDefinitionNode)Parser.Parse("{ a: b(c: 1) @d { e } }").Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("a: b(c: 1) @d {\n  e\n}", Printer.Print(field));
        Assert.Equal("[Int!]!", Printer.Print(Parser.ParseType("[ Int! ]!")));
        Assert.Equal("{a: [1, 2], b: {c: $d}}", Printer.Print(Parser.ParseValue("{ a: [1 2] b: { c: $d } }")));
        Assert.Equal("name", Printer.Print(new NameNode("name")));
        var directive = ((FieldNode)field).Directives[0];
        Assert.Equal("@d", Printer.Print(directive));
    }

    [Fact]
    public void Nodes_built_in_code_print_without_locations()
    {
        var doc = new DocumentNode
        {
            Definitions =
            [
                new OperationDefinitionNode
                {
                    Operation = OperationType.Mutation,
                    Name = new NameNode("Save"),
                    VariableDefinitions =
                    [
                        new VariableDefinitionNode
                        {
                            Variable = new VariableNode { Name = new NameNode("input") },
                            Type = new NonNullTypeNode { Type = new NamedTypeNode { Name = new NameNode("In") } },
                        },
                    ],
                    SelectionSet = new SelectionSetNode
                    {
                        Selections =
                        [
                            new FieldNode
                            {
                                Name = new NameNode("save"),
                                Arguments = [new ArgumentNode { Name = new NameNode("input"), Value = new VariableNode { Name = new NameNode("input") } }],
                            },
                        ],
                    },
                },
                new ObjectTypeDefinitionNode
                {
                    Name = new NameNode("T"),
                    Description = new StringValueNode { Value = "Line one\nLine two", Block = true },
                    Fields =
                    [
                        new FieldDefinitionNode { Name = new NameNode("f"), Type = new NamedTypeNode { Name = new NameNode("Int") } },
                    ],
                },
            ],
        };
        Assert.Equal(
            "mutation Save($input: In!) {\n  save(input: $input)\n}\n\n\"\"\"\nLine one\nLine two\n\"\"\"\ntype T {\n  f: Int\n}",
            Printer.Print(doc));
    }

    [Fact]
    public void Empty_lists_in_code_built_nodes_print_nothing_like_graphql_js()
    {
        Assert.Equal("type T", Printer.Print(new ObjectTypeDefinitionNode { Name = new NameNode("T") }));
        Assert.Equal("enum E", Printer.Print(new EnumTypeDefinitionNode { Name = new NameNode("E") }));
        Assert.Equal("union U", Printer.Print(new UnionTypeDefinitionNode { Name = new NameNode("U") }));
        Assert.Equal("extend type T", Printer.Print(new ObjectTypeDefinitionNode { Name = new NameNode("T"), Extension = true }));
    }

    [Fact]
    public void Printed_descriptions_and_multiline_arguments_reparse_to_the_same_values()
    {
        const string source = "type T {\n  \"\"\"\n  Para one.\n\n    Indented.\n  \"\"\"\n  f(\"\"\"arg\"\"\" a: Int = 1, b: String = \"x\\ny\"): Int\n}";
        var printed = Reprint(source);
        var type = (ObjectTypeDefinitionNode)Parser.Parse(printed).Definitions[0];
        Assert.Equal("Para one.\n\n  Indented.", type.Fields[0].Description!.Value);
        Assert.Equal("arg", type.Fields[0].Arguments[0].Description!.Value);
        Assert.Equal("x\ny", ((StringValueNode)type.Fields[0].Arguments[1].DefaultValue!).Value);
        Assert.Equal(printed, Reprint(printed));
    }

    [Fact]
    public void Block_string_values_survive_print_and_reparse()
    {
        string[] values =
        [
            "", " ", "plain", "  leading", "trailing  ", "a\nb", "  a\n  b", "a\n  b", "\n\nblank lines\n\n", "quote\"", "slash\\",
            "triple \"\"\" quote", "ends \"\"\"", "tab\tinside", "\ttab lead", "x\r\ny", new string('z', 100),
        ];
        foreach (var value in values)
        {
            var printed = Printer.PrintBlockString(value);
            var reparsed = (StringValueNode)Parser.ParseValue(printed);
            var expected = ((StringValueNode)Parser.ParseValue(Printer.PrintBlockString(reparsed.Value))).Value;
            // Values that BlockStringValue can represent come back unchanged; the rest are stable after one pass.
            Assert.Equal(expected, reparsed.Value);
            if (!value.Contains('\r', StringComparison.Ordinal) && value.Trim('\n').Length == value.Length && !value.StartsWith(' ') && value != " ")
            {
                Assert.Equal(value, reparsed.Value);
            }
        }
    }

    [Fact]
    public void String_values_survive_print_and_reparse()
    {
        string[] values = ["", "plain", "quote\" slash\\ nl\n cr\r tab\t", "\u0000\u0001\u001f\u007f\u0080\u009f", "\u00e9\U0001F600", "\b\f"];
        foreach (var value in values)
        {
            var reparsed = (StringValueNode)Parser.ParseValue(Printer.PrintString(value));
            Assert.Equal(value, reparsed.Value);
        }
    }
}
