using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class InputObjectTests
{
    private static readonly Schema Schema = new SchemaBuilder().AddQueryType<InputQuery>().AddMutationType<InputMutation>().Build();

    [Fact]
    public void Record_inputs_take_fields_from_the_primary_constructor_with_defaults()
    {
        var input = Assert.IsType<InputObjectType>(Schema.GetType("CreateEventInput"));
        Assert.Equal(typeof(CreateEventInput), input.RuntimeType);
        Assert.Equal("title capacity tags startsAt note", string.Join(" ", input.Fields.Select(f => f.Name)));
        Assert.Equal("String!", input.Fields["title"]!.Type.Print());
        Assert.Equal("Int!", input.Fields["capacity"]!.Type.Print());
        Assert.Equal("100", Assert.IsType<IntValueNode>(input.Fields["capacity"]!.DefaultValue).Value);
        Assert.Equal("[String!]", input.Fields["tags"]!.Type.Print());
        Assert.Equal("Capacity", input.Fields["capacity"]!.RuntimeName);
        Assert.Equal("String", input.Fields["note"]!.Type.Print());
    }

    [Fact]
    public void Runtime_values_are_created_by_the_compiled_factory()
    {
        var input = (InputObjectType)Schema.GetType("CreateEventInput")!;
        var created = input.CreateRuntimeValue!(new Dictionary<string, object?>
        {
            ["title"] = "Gala",
            ["tags"] = new List<object?> { "a", "b" },
            ["note"] = "hi",
        });

        var e = Assert.IsType<CreateEventInput>(created);
        Assert.Equal("Gala", e.Title);
        Assert.Equal(100, e.Capacity); // absent: the C# default
        Assert.Equal(["a", "b"], e.Tags!);
        Assert.Null(e.StartsAt);
        Assert.Equal("hi", e.Note);
    }

    [Fact]
    public void Settable_class_inputs_keep_property_initializers_for_absent_fields()
    {
        var input = (InputObjectType)Schema.GetType("EventFilter")!;
        Assert.Equal("text statuses minPrice first nested", string.Join(" ", input.Fields.Select(f => f.Name)));
        Assert.Equal("10", Assert.IsType<IntValueNode>(input.Fields["first"]!.DefaultValue).Value);

        var filter = Assert.IsType<EventFilter>(input.CreateRuntimeValue!(new Dictionary<string, object?>
        {
            ["statuses"] = new object?[] { InputStatus.Open },
            ["minPrice"] = 12.5m,
            ["nested"] = new Dictionary<string, object?> { ["text"] = "inner" },
        }));
        Assert.Equal("", filter.Text);
        Assert.Equal([InputStatus.Open], filter.Statuses);
        Assert.Equal(12.5m, filter.MinPrice);
        Assert.Equal(10, filter.First);
        Assert.Equal("inner", filter.Nested!.Text);
    }

    [Fact]
    public void OneOf_inputs_are_flagged_and_all_their_fields_are_nullable()
    {
        var input = (InputObjectType)Schema.GetType("EventLookup")!;
        Assert.True(input.IsOneOf);
        Assert.All(input.Fields, f => Assert.False(f.Type.IsNonNull()));
        Assert.Equal("UUID", input.Fields["id"]!.Type.Print());
        var lookup = Assert.IsType<EventLookup>(input.CreateRuntimeValue!(new Dictionary<string, object?> { ["slug"] = "gala" }));
        Assert.Equal("gala", lookup.Slug);
        Assert.Null(lookup.Id);
    }

    [Fact]
    public void Argument_defaults_become_literals()
    {
        var field = Schema.Field("Query", "events");
        Assert.Equal("20", Assert.IsType<IntValueNode>(field.Arguments["take"]!.DefaultValue).Value);
        Assert.Equal("Int!", field.Arguments["take"]!.Type.Print());
        Assert.IsType<NullValueNode>(field.Arguments["filter"]!.DefaultValue);
        Assert.IsType<FloatValueNode>(field.Arguments["ratio"]!.DefaultValue);
        Assert.Equal("EventFilter", field.Arguments["filter"]!.Type.Print());
        Assert.Null(field.Arguments["lookup"]!.DefaultValue);
    }

    [Fact]
    public async Task Input_arguments_reach_the_resolver_as_clr_objects_and_absent_ones_use_csharp_defaults()
    {
        var context = new TestResolverContext();
        context.Args["lookup"] = new EventLookup { Slug = "x" };
        context.Args["filter"] = new Dictionary<string, object?> { ["text"] = "jazz" }; // map → converted via the factory
        var result = await Schema.Resolve("Query", "events", context);
        Assert.Equal("x|jazz|20|0.5", result);
    }

    [Fact]
    public async Task List_and_numeric_arguments_are_converted_to_the_parameter_types()
    {
        var context = new TestResolverContext();
        context.Args["ids"] = new List<object?> { 1, 2, 3 };
        context.Args["codes"] = new List<object?> { "00000000-0000-0000-0000-000000000001" };
        context.Args["small"] = 7;
        context.Args["single"] = 1.5d;
        var result = await Schema.Resolve("Mutation", "convert", context);
        Assert.Equal("Int32[]:3|HashSet`1:1|7|1.5", result);
    }
}

public sealed record CreateEventInput(string Title, int Capacity = 100, IReadOnlyList<string>? Tags = null, DateTimeOffset? StartsAt = null)
{
    public string? Note { get; init; }
    public int Computed => Capacity * 2;
}

public enum InputStatus
{
    Open,
    Closed,
}

public sealed class EventFilter
{
    public string Text { get; set; } = "";
    public List<InputStatus>? Statuses { get; set; }
    public decimal? MinPrice { get; set; }
    [System.ComponentModel.DefaultValue(10)] public int First { get; set; } = 10;
    public EventFilter? Nested { get; set; }
}

[OneOf]
public sealed class EventLookup
{
    public Guid? Id { get; set; }
    public string? Slug { get; set; }
}

public sealed class InputEvent
{
    public string Title { get; set; } = "";
}

public sealed class InputQuery
{
    public string Events(EventLookup lookup, EventFilter? filter = null, int take = 20, double ratio = 0.5) =>
        $"{lookup.Slug}|{filter?.Text}|{take}|{ratio}";
}

public sealed class InputMutation
{
    public InputEvent CreateEvent(CreateEventInput input) => new() { Title = input.Title };

    public string Convert([ID] int[] ids, HashSet<Guid> codes, short small, float single) =>
        $"{ids.GetType().Name}:{ids.Length}|{codes.GetType().Name}:{codes.Count}|{small}|{single}";
}
