using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class BuildErrorTests
{
    private static SchemaBuildException Fails(Func<SchemaBuilder, SchemaBuilder> configure) =>
        Assert.Throws<SchemaBuildException>(() => configure(new SchemaBuilder()).Build());

    [Fact]
    public void A_schema_without_query_type_is_refused()
    {
        var e = Fails(b => b.AddMutationType<ErrMutation>());
        Assert.Contains("no query type", e.Message);
    }

    [Fact]
    public void Two_clr_types_with_one_graphql_name_are_refused_naming_both()
    {
        var e = Fails(b => b.AddQueryType<ClashQuery>());
        Assert.Contains("'Thing'", e.Message);
        Assert.Contains(typeof(ErrorModelsA.Thing).FullName!, e.Message);
        Assert.Contains(typeof(ErrorModelsB.Thing).FullName!, e.Message);
    }

    [Fact]
    public void Unsupported_clr_types_are_refused_naming_the_member()
    {
        var e = Fails(b => b.AddQueryType<UnsupportedQuery>());
        Assert.Contains("UnsupportedQuery.Duration", e.Message);
        Assert.Contains("TimeSpan", e.Message);
        Assert.Contains("AddScalar", e.Message);
    }

    [Fact]
    public void Object_typed_and_dictionary_members_are_refused()
    {
        Assert.Contains("ObjectQuery.Anything", Fails(b => b.AddQueryType<ObjectQuery>()).Message);
        Assert.Contains("DictionaryQuery.Map", Fails(b => b.AddQueryType<DictionaryQuery>()).Message);
    }

    [Fact]
    public void Root_methods_without_result_are_refused()
    {
        var e = Fails(b => b.AddQueryType<ErrQuery>().AddMutationType<VoidMutation>());
        Assert.Contains("VoidMutation.DeleteAsync", e.Message);
    }

    [Fact]
    public void Two_members_with_one_field_name_are_refused()
    {
        var e = Fails(b => b.AddQueryType<DuplicateFieldQuery>());
        Assert.Contains("'Query.events'", e.Message);
        Assert.Contains("DuplicateFieldQuery.Events", e.Message);
        Assert.Contains("DuplicateFieldQuery.GetEventsAsync", e.Message);
    }

    [Fact]
    public void Interfaces_cannot_be_input_types()
    {
        var e = Fails(b => b.AddQueryType<InterfaceArgumentQuery>());
        Assert.Contains("parameter 'shape'", e.Message);
    }

    [Fact]
    public void Extensions_of_unknown_types_are_refused()
    {
        var e = Fails(b => b.AddQueryType<ErrQuery>().AddTypeExtension<OrphanExtension>());
        Assert.Contains("'Nowhere'", e.Message);
        Assert.Contains(nameof(OrphanExtension), e.Message);
    }

    [Fact]
    public void Unknown_forced_type_names_are_refused()
    {
        var e = Fails(b => b.AddQueryType<ForcedTypeQuery>());
        Assert.Contains("Money", e.Message);
        Assert.Contains("ForcedTypeQuery.Price", e.Message);
    }

    [Fact]
    public void Invalid_explicit_names_are_refused()
    {
        var e = Fails(b => b.AddQueryType<BadNameQuery>());
        Assert.Contains("'bad-name'", e.Message);
    }
}

public sealed class ErrQuery
{
    public int One => 1;
}

public sealed class ErrMutation
{
    public int Two() => 2;
}

public sealed class VoidMutation
{
    public Task DeleteAsync(int id) => Task.CompletedTask;
}

public static class ErrorModelsA
{
    public sealed class Thing
    {
        public int A { get; set; }
    }
}

public static class ErrorModelsB
{
    public sealed class Thing
    {
        public int B { get; set; }
    }
}

public sealed class ClashQuery
{
    public ErrorModelsA.Thing A => new();
    public ErrorModelsB.Thing B => new();
}

public sealed class UnsupportedQuery
{
    public TimeSpan Duration => TimeSpan.Zero;
}

public sealed class ObjectQuery
{
    public object Anything => new();
}

public sealed class DictionaryQuery
{
    public Dictionary<string, int> Map => [];
}

public sealed class DuplicateFieldQuery
{
    public List<int> Events => [];
    public Task<List<int>> GetEventsAsync() => Task.FromResult(new List<int>());
}

public interface IShape
{
    int Sides { get; }
}

public sealed class InterfaceArgumentQuery
{
    public int Count(IShape shape) => shape.Sides;
}

[ExtendObjectType("Nowhere")]
public sealed class OrphanExtension
{
    public int X => 1;
}

public sealed class ForcedTypeQuery
{
    [GraphQLType("Money")] public decimal Price => 1m;
}

public sealed class BadNameQuery
{
    [GraphQLName("bad-name")] public int X => 1;
}
