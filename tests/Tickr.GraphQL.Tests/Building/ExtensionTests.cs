using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class ExtensionTests
{
    [Fact]
    public async Task Extensions_by_clr_type_add_fields_that_receive_the_parent()
    {
        var schema = new SchemaBuilder().AddQueryType<ExtQuery>().AddTypeExtension<ExtEventExtensions>().Build();

        Assert.Equal("title seatsLeft shout", schema.FieldNames("ExtEvent"));
        var context = new TestResolverContext { Parent = new ExtEvent { Title = "Gala", Capacity = 10, Sold = 3 } };
        Assert.Equal(7, await schema.Resolve("ExtEvent", "seatsLeft", context));
        Assert.Equal("GALA!!", await schema.Resolve("ExtEvent", "shout", context));
    }

    [Fact]
    public void Extensions_can_remove_fields_of_the_extended_type()
    {
        var schema = new SchemaBuilder().AddQueryType<ExtQuery>().AddTypeExtension<ExtEventExtensions>().Build();
        Assert.False(((ObjectType)schema.GetType("ExtEvent")!).Fields.Contains("capacity"));
        Assert.False(((ObjectType)schema.GetType("ExtEvent")!).Fields.Contains("sold"));
    }

    [Fact]
    public async Task Extensions_by_name_and_root_markers_extend_the_root_types()
    {
        var schema = new SchemaBuilder()
            .AddQueryType()
            .AddTypeExtension(typeof(ExtQueryByName))
            .AddType<ExtMoreQueries>()
            .AddTypeExtension<ExtMutations>()
            .Build();

        Assert.Equal("hello version", schema.FieldNames("Query"));
        Assert.Equal("Mutation", schema.MutationType!.Name);
        Assert.Equal("Hello, Ada", await schema.Resolve("Query", "hello", WithArgs(("name", "Ada"))));
        Assert.Equal("1.0", await schema.Resolve("Query", "version"));
        Assert.Equal(true, await schema.Resolve("Mutation", "ping"));
    }

    private static TestResolverContext WithArgs(params (string Name, object? Value)[] args)
    {
        var c = new TestResolverContext();
        foreach (var (n, v) in args) c.Args[n] = v;
        return c;
    }
}

public sealed class ExtEvent
{
    public string Title { get; set; } = "";
    public int Capacity { get; set; }
    public int Sold { get; set; }
}

public sealed class ExtQuery
{
    public ExtEvent Event() => new();
}

[ExtendObjectType(typeof(ExtEvent), IgnoreFields = ["capacity", "sold"])]
public sealed class ExtEventExtensions
{
    public int SeatsLeft([Parent] ExtEvent e) => e.Capacity - e.Sold;

    public static string Shout([Parent] ExtEvent e, int times = 2) => e.Title.ToUpperInvariant() + new string('!', times);
}

[ExtendObjectType("Query")]
public static class ExtQueryByName
{
    public static string Hello(string name) => $"Hello, {name}";
}

[QueryType]
public sealed class ExtMoreQueries
{
    public string Version => "1.0";
}

[MutationType]
public sealed class ExtMutations
{
    public bool Ping() => true;
}
