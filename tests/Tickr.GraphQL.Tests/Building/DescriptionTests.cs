using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class DescriptionTests
{
    [Fact]
    public void Description_attributes_describe_types_fields_arguments_and_enum_values()
    {
        var schema = new SchemaBuilder().AddQueryType<DescribedQuery>().Build();

        Assert.Equal("A described thing.", schema.GetType("DescribedThing")!.Description);
        Assert.Equal("The thing.", schema.Field("Query", "thing").Description);
        Assert.Equal("How many.", schema.Field("Query", "thing").Arguments["count"]!.Description);
        Assert.Equal("Shiny!", ((EnumType)schema.GetType("DescribedColor")!).Values["SHINY"]!.Description);
    }

    [Fact]
    public void Xml_documentation_summaries_describe_members_without_attributes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tickr-docs-{Guid.NewGuid():N}.xml");
        const string ns = "Tickr.GraphQL.Tests.Building";
        File.WriteAllText(path, $$"""
            <?xml version="1.0"?>
            <doc>
              <assembly><name>Tickr.GraphQL.Tests</name></assembly>
              <members>
                <member name="T:{{ns}}.DocumentedQuery"><summary>Root of the documented API.</summary></member>
                <member name="M:{{ns}}.DocumentedQuery.GetEventsAsync(System.String,System.Collections.Generic.List{System.Int32},System.Threading.CancellationToken)">
                  <summary>
                    Lists events matching <paramref name="term"/>,
                    newest first; see <see cref="T:{{ns}}.DocumentedEvent"/>.
                  </summary>
                  <param name="term">Text to look for in the <c>title</c>.</param>
                  <param name="ids">Only these ids.</param>
                </member>
                <member name="T:{{ns}}.DocumentedEvent">
                  <summary>Something that happens.</summary>
                  <param name="Title">The title shown on tickets.</param>
                </member>
                <member name="P:{{ns}}.DocumentedEvent.Capacity"><summary>Seats available.</summary></member>
                <member name="T:{{ns}}.DocumentedEvent.Kind"><summary>Kinds of events.</summary></member>
                <member name="F:{{ns}}.DocumentedEvent.Kind.Concert"><summary>Live music.</summary></member>
                <member name="P:{{ns}}.DocumentedQuery.Overridden"><summary>Not used: the attribute wins.</summary></member>
              </members>
            </doc>
            """);
        try
        {
            var schema = new SchemaBuilder().AddQueryType<DocumentedQuery>().AddXmlDocumentation(path).Build();

            Assert.Equal("Root of the documented API.", schema.QueryType.Description);
            var events = schema.Field("Query", "events");
            Assert.Equal("Lists events matching term, newest first; see DocumentedEvent.", events.Description);
            Assert.Equal("Text to look for in the title.", events.Arguments["term"]!.Description);
            Assert.Equal("Only these ids.", events.Arguments["ids"]!.Description);
            Assert.Equal("Something that happens.", schema.GetType("DocumentedEvent")!.Description);
            Assert.Equal("The title shown on tickets.", schema.Field("DocumentedEvent", "title").Description);
            Assert.Equal("Seats available.", schema.Field("DocumentedEvent", "capacity").Description);
            var kind = (EnumType)schema.GetType("Kind")!;
            Assert.Equal("Kinds of events.", kind.Description);
            Assert.Equal("Live music.", kind.Values["CONCERT"]!.Description);
            Assert.Equal("From the attribute.", schema.Field("Query", "overridden").Description);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Documentation_ids_match_the_compiler_generated_file_next_to_the_engine_assembly()
    {
        var docs = new XmlDocumentation();

        Assert.StartsWith("Ordered, name-indexed collection", docs.GetSummary(typeof(FieldCollection<>)));
        // Members of a closed generic type are looked up on the definition (parameters become `0).
        Assert.StartsWith("Adds a member", docs.GetSummary(typeof(FieldCollection<OutputField>).GetMethod("Add")!));
        // Generic methods (``0) and generic parameter types ({...}); <paramref> becomes the name.
        Assert.Equal("Gets or creates the loader registered under key.",
            docs.GetSummary(typeof(IDataLoaderRegistry).GetMethod(nameof(IDataLoaderRegistry.GetOrCreate))!));
        // Overloads differ by parameter list, including arrays.
        var single = typeof(GraphQLError).GetMethod(nameof(GraphQLError.At), [typeof(Tickr.GraphQL.Language.Ast.SyntaxNode)])!;
        var many = typeof(GraphQLError).GetMethod(nameof(GraphQLError.At), [typeof(Tickr.GraphQL.Language.Ast.SyntaxNode[])])!;
        Assert.StartsWith("Location list for one node", docs.GetSummary(single));
        Assert.StartsWith("Location list for several nodes", docs.GetSummary(many));
        Assert.StartsWith("A OneOf input object", docs.GetSummary(typeof(InputObjectType).GetProperty(nameof(InputObjectType.IsOneOf))!));
        Assert.Equal("M:Tickr.GraphQL.Types.FieldCollection`1.TryGet(System.String,`0@)",
            XmlDocumentation.MemberId(typeof(FieldCollection<OutputField>).GetMethod("TryGet")!));
    }

    [Fact]
    public void Xml_documentation_can_be_switched_off()
    {
        var schema = new SchemaBuilder()
            .AddQueryType<DescribedQuery>()
            .ModifyOptions(o => { o.UseXmlDocumentation = false; o.Description = "The API."; })
            .Build();
        Assert.Equal("The API.", schema.Description);
        Assert.Equal("The thing.", schema.Field("Query", "thing").Description);
    }
}

[GraphQLDescription("A described thing.")]
public sealed class DescribedThing
{
    public DescribedColor Color { get; set; }
}

public enum DescribedColor
{
    Dull,
    [GraphQLDescription("Shiny!")] Shiny,
}

public sealed class DescribedQuery
{
    [GraphQLDescription("The thing.")]
    public DescribedThing Thing([GraphQLDescription("How many.")] int count) => new();
}

public sealed record DocumentedEvent(string Title, DocumentedEvent.Kind Type)
{
    public int Capacity { get; init; }

    public enum Kind
    {
        Concert,
        Talk,
    }
}

public sealed class DocumentedQuery
{
    public Task<List<DocumentedEvent>> GetEventsAsync(string term, List<int>? ids, CancellationToken cancellationToken) =>
        Task.FromResult(new List<DocumentedEvent>());

    [GraphQLDescription("From the attribute.")]
    public string Overridden => "";
}
