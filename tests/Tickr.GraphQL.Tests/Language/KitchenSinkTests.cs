using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Language;

public class KitchenSinkTests
{
    [Fact]
    public void Executable_kitchen_sink_prints_like_graphql_js()
    {
        var printed = Printer.Print(Parser.Parse(KitchenSink.Executable));
        Assert.Equal(KitchenSink.ExecutablePrinted, printed);
    }

    [Fact]
    public void Executable_kitchen_sink_round_trip_is_stable()
    {
        var printed = Printer.Print(Parser.Parse(KitchenSink.Executable));
        Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
    }

    [Fact]
    public void Schema_kitchen_sink_prints_like_graphql_js()
    {
        var printed = Printer.Print(Parser.Parse(KitchenSink.Schema));
        Assert.Equal(KitchenSink.SchemaPrinted, printed);
    }

    [Fact]
    public void Schema_kitchen_sink_round_trip_is_stable()
    {
        var printed = Printer.Print(Parser.Parse(KitchenSink.Schema));
        Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
    }

    [Fact]
    public void Kitchen_sinks_parse_without_locations_to_the_same_text()
    {
        var options = new ParserOptions { NoLocations = true };
        var doc = Parser.Parse(KitchenSink.Executable, options);
        Assert.Null(doc.Location);
        Assert.Null(doc.Definitions[0].Location);
        Assert.Equal(KitchenSink.ExecutablePrinted, Printer.Print(doc));
        Assert.Equal(KitchenSink.SchemaPrinted, Printer.Print(Parser.Parse(KitchenSink.Schema, options)));
    }

    [Fact]
    public void Kitchen_sink_with_leading_byte_order_mark_parses()
    {
        var doc = Parser.Parse("\uFEFF" + KitchenSink.Executable);
        Assert.Equal(KitchenSink.ExecutablePrinted, Printer.Print(doc));
    }

    [Fact]
    public void Every_definition_kind_of_the_schema_kitchen_sink_is_present()
    {
        var doc = Parser.Parse(KitchenSink.Schema);
        var kinds = new HashSet<SyntaxKind>();
        foreach (var d in doc.Definitions)
        {
            kinds.Add(d.Kind);
        }
        foreach (var expected in new[]
        {
            SyntaxKind.SchemaDefinition, SyntaxKind.ScalarTypeDefinition, SyntaxKind.ObjectTypeDefinition,
            SyntaxKind.InterfaceTypeDefinition, SyntaxKind.UnionTypeDefinition, SyntaxKind.EnumTypeDefinition,
            SyntaxKind.InputObjectTypeDefinition, SyntaxKind.DirectiveDefinition, SyntaxKind.SchemaExtension,
            SyntaxKind.ScalarTypeExtension, SyntaxKind.ObjectTypeExtension, SyntaxKind.InterfaceTypeExtension,
            SyntaxKind.UnionTypeExtension, SyntaxKind.EnumTypeExtension, SyntaxKind.InputObjectTypeExtension,
        })
        {
            Assert.Contains(expected, kinds);
        }
    }
}
