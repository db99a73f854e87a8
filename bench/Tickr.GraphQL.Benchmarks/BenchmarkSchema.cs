using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Benchmarks;

/// <summary>
/// The benchmark schema, built code first as Tickr builds its own. bench/peers/run.mjs declares the same schema
/// (type Query { a: String b: Int c: Boolean items: [Item!]! } type Item { id: ID! name: String! price: Float!
/// quantity: Int! active: Boolean! }) with the same data for graphql-js and graphql-jit.
/// </summary>
public static class BenchmarkSchema
{
    public static Schema Create() => new SchemaBuilder().AddQueryType<BenchQuery>().Build();
}

/// <summary>The query root: three scalars and a list of 100 items, all precomputed.</summary>
public sealed class BenchQuery
{
    private static readonly IReadOnlyList<Item> AllItems = CreateItems();

    public string? A => "hello";
    public int? B => 42;
    public bool? C => true;
    public IReadOnlyList<Item> Items => AllItems;

    private static Item[] CreateItems()
    {
        var items = new Item[100];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Item {i}", i * 1.5, i, i % 2 == 0);
        }
        return items;
    }
}

/// <summary>One list element with five scalar fields.</summary>
public sealed class Item(string id, string name, double price, int quantity, bool active)
{
    [ID]
    public string Id { get; } = id;
    public string Name { get; } = name;
    public double Price { get; } = price;
    public int Quantity { get; } = quantity;
    public bool Active { get; } = active;
}
