using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class NamingTests
{
    [Theory]
    [InlineData("Title", "title")]
    [InlineData("ID", "id")]
    [InlineData("URL", "url")]
    [InlineData("HTMLBody", "htmlBody")]
    [InlineData("startsAt", "startsAt")]
    [InlineData("IsOpen", "isOpen")]
    public void Members_are_camel_cased(string clr, string expected) => Assert.Equal(expected, NameConventions.ToCamelCase(clr));

    [Theory]
    [InlineData("GetEventsAsync", "events")]
    [InlineData("GetEvents", "events")]
    [InlineData("EventsAsync", "events")]
    [InlineData("Getaway", "getaway")]
    [InlineData("Get", "get")]
    [InlineData("Async", "async")]
    [InlineData("CreateEventAsync", "createEvent")]
    public void Methods_drop_Get_prefix_and_Async_suffix(string clr, string expected) =>
        Assert.Equal(expected, NameConventions.MethodFieldName(clr));

    [Theory]
    [InlineData("CheckedIn", "CHECKED_IN")]
    [InlineData("Open", "OPEN")]
    [InlineData("HTMLPage", "HTML_PAGE")]
    [InlineData("Level2", "LEVEL2")]
    [InlineData("ALREADY_SNAKE", "ALREADY_SNAKE")]
    [InlineData("SoldOutAfterTwoDays", "SOLD_OUT_AFTER_TWO_DAYS")]
    public void Enum_members_become_upper_snake_case(string clr, string expected) =>
        Assert.Equal(expected, NameConventions.ToUpperSnakeCase(clr));

    [Fact]
    public void Schema_uses_the_conventions_for_fields_types_enums_and_generics()
    {
        var schema = new SchemaBuilder().AddQueryType<NamingQuery>().Build();

        Assert.Equal("Query", schema.QueryType.Name);
        Assert.Equal("events venue page status node", schema.FieldNames("Query"));
        Assert.Equal("NamingEventConnection!", schema.TypeOf("Query", "page"));
        Assert.Equal("nodes totalCount", schema.FieldNames("NamingEventConnection"));
        Assert.Equal("Place", schema.TypeOf("Query", "venue").TrimEnd('!'));
        var status = Assert.IsType<EnumType>(schema.GetType("NamingStatus"));
        Assert.Equal(["CHECKED_IN", "NO_SHOW", "waiting"], status.Values.Select(v => v.Name));
        Assert.IsType<InterfaceType>(schema.GetType("NamingNode"));
        Assert.Equal("NamingNode", schema.TypeOf("Query", "node"));
    }

    [Fact]
    public void Root_types_get_the_operation_names_whatever_their_class_names()
    {
        var schema = new SchemaBuilder()
            .AddQueryType<NamingQuery>()
            .AddMutationType<NamingMutations>()
            .Build();

        Assert.Equal("Query", schema.QueryType.Name);
        Assert.Equal("Mutation", schema.MutationType!.Name);
        Assert.Equal("renameEvent", schema.FieldNames("Mutation"));
        Assert.Same(schema.QueryType, schema.GetType("Query"));
    }

    [Fact]
    public void Explicit_names_override_conventions()
    {
        var schema = new SchemaBuilder().AddQueryType<NamingQuery>().Build();
        Assert.Equal("String", schema.ArgTypeOf("Query", "events", "q").TrimEnd('!'));
    }
}

public sealed class NamingEvent
{
    public string Title { get; set; } = "";
}

[GraphQLName("Place")]
public sealed class NamingVenue
{
    public string Name { get; set; } = "";
}

public sealed class Connection<T>
{
    public IReadOnlyList<T> Nodes { get; set; } = [];
    public int TotalCount { get; set; }
}

public enum NamingStatus
{
    CheckedIn,
    NoShow,
    [GraphQLName("waiting")] Waiting,
}

public interface INamingNode
{
    string Id { get; }
}

public sealed class NamingQuery
{
    public Task<List<NamingEvent>> GetEventsAsync([GraphQLName("q")] string? query) => Task.FromResult(new List<NamingEvent>());
    public NamingVenue Venue() => new();
    public Connection<NamingEvent> GetPage() => new();
    public NamingStatus Status => NamingStatus.NoShow;
    public INamingNode? Node() => null;
}

public sealed class NamingMutations
{
    public NamingEvent RenameEvent(string title) => new() { Title = title };
}
