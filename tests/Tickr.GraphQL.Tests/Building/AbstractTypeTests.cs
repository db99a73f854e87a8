using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class AbstractTypeTests
{
    [Fact]
    public void Csharp_interfaces_become_interfaces_implemented_by_registered_classes()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Dog>().AddType<Cat>().Build();

        var animal = Assert.IsType<InterfaceType>(schema.GetType("Animal"));
        Assert.Equal("name legs", string.Join(" ", animal.Fields.Select(f => f.Name)));
        var dog = Assert.IsType<ObjectType>(schema.GetType("Dog"));
        Assert.Equal(["Animal"], dog.Interfaces.Select(i => i.Name));
        Assert.Equal(["Dog", "Cat"], schema.GetPossibleTypes(animal).Select(o => o.Name));
        // Cat implements Legs explicitly: the field is still there, read through the interface.
        Assert.True(((ObjectType)schema.GetType("Cat")!).Fields.Contains("legs"));
    }

    [Fact]
    public async Task Interface_fields_copied_for_explicit_implementations_resolve_through_the_interface()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Dog>().AddType<Cat>().Build();
        Assert.Equal(4, await schema.Resolve("Cat", "legs", parent: new Cat()));
    }

    [Fact]
    public void ResolveType_maps_runtime_types_including_subclasses()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Dog>().AddType<Cat>().Build();
        var animal = (InterfaceType)schema.GetType("Animal")!;

        Assert.Equal("Dog", animal.ResolveType!(new Dog(), schema)!.Name);
        Assert.Equal("Cat", animal.ResolveType!(new Cat(), schema)!.Name);
        Assert.Equal("Dog", animal.ResolveType!(new Puppy(), schema)!.Name); // unregistered subclass: nearest base
        Assert.Null(animal.ResolveType!("not an animal", schema));
    }

    [Fact]
    public void Abstract_classes_become_interfaces_and_interfaces_may_implement_interfaces()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Keeper>().AddType<INamed>().Build();

        var staff = Assert.IsType<InterfaceType>(schema.GetType("Staff"));
        var keeper = (ObjectType)schema.GetType("Keeper")!;
        Assert.Contains(staff, keeper.Interfaces);
        Assert.Contains(keeper.Interfaces, i => i.Name == "Named");
        Assert.Contains(staff.Interfaces, i => i.Name == "Named");
        Assert.Equal("name badge", string.Join(" ", staff.Fields.Select(f => f.Name)));
        Assert.Equal("Keeper", staff.ResolveType!(new Keeper(), schema)!.Name);
    }

    [Fact]
    public void Csharp_interfaces_that_are_neither_used_nor_registered_stay_out_of_the_schema()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Keeper>().Build();
        Assert.Null(schema.GetType("Named"));
        Assert.Equal(["Staff"], ((ObjectType)schema.GetType("Keeper")!).Interfaces.Select(i => i.Name));
    }

    [Fact]
    public void Union_marker_interfaces_collect_their_implementations_from_the_assembly()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().Build();

        var union = Assert.IsType<UnionType>(schema.GetType("SearchResult"));
        Assert.Equal(["Ticket", "Venue"], union.Types.Select(t => t.Name).Order());
        Assert.Equal("[SearchResult!]!", schema.TypeOf("Query", "search"));
        Assert.Equal("Venue", union.ResolveType!(new Venue(), schema)!.Name);
    }

    [Fact]
    public void Every_object_type_records_its_runtime_type()
    {
        var schema = new SchemaBuilder().AddQueryType<ZooQuery>().AddType<Dog>().Build();
        Assert.Equal(typeof(Dog), ((ObjectType)schema.GetType("Dog")!).RuntimeType);
        Assert.Equal(typeof(ZooQuery), schema.QueryType.RuntimeType);
        Assert.Equal(typeof(IAnimal), ((InterfaceType)schema.GetType("Animal")!).RuntimeType);
    }
}

public interface IAnimal
{
    string Name { get; }
    int Legs { get; }
}

public class Dog : IAnimal
{
    public string Name => "Rex";
    public int Legs => 4;
    public bool Barks => true;
}

public sealed class Puppy : Dog;

public sealed class Cat : IAnimal
{
    public string Name => "Tom";
    int IAnimal.Legs => 4;
}

public interface INamed
{
    string Name { get; }
}

public abstract class Staff : INamed
{
    public abstract string Name { get; }
    public string Badge => "B-" + Name;
}

public sealed class Keeper : Staff
{
    public override string Name => "Kim";
}

[UnionType("SearchResult")]
public interface ISearchResult;

public sealed class Ticket : ISearchResult
{
    public string Code => "T1";
}

public sealed class Venue : ISearchResult
{
    public string City => "Paris";
}

public sealed class ZooQuery
{
    public IAnimal? Animal() => new Dog();
    public List<ISearchResult> Search(string text) => [new Ticket(), new Venue()];
    public Staff? Staff() => null;
}
