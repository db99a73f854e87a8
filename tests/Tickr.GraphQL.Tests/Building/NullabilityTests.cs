using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class NullabilityTests
{
    private static readonly Tickr.GraphQL.Types.Schema Schema = new SchemaBuilder().AddQueryType<NullQuery>().Build();

    [Theory]
    [InlineData("name", "String!")]
    [InlineData("nickname", "String")]
    [InlineData("count", "Int!")]
    [InlineData("maybeCount", "Int")]
    [InlineData("tags", "[String]!")]
    [InlineData("strictTags", "[String!]!")]
    [InlineData("optionalTags", "[String!]")]
    [InlineData("matrix", "[[Int!]]!")]
    [InlineData("array", "[Long!]!")]
    [InlineData("nullableArray", "[Float]")]
    [InlineData("enumerable", "[Boolean!]!")]
    [InlineData("asyncItem", "NullItem")]
    [InlineData("asyncItems", "[NullItem!]!")]
    [InlineData("valueTaskCount", "Int!")]
    [InlineData("page", "NullItemPage!")]
    [InlineData("forcedNonNull", "String!")]
    [InlineData("forcedNullable", "String")]
    [InlineData("id", "ID!")]
    [InlineData("ids", "[ID!]!")]
    [InlineData("levels", "[String]!")]
    public void Output_types_follow_the_csharp_annotations(string field, string expected) =>
        Assert.Equal(expected, Schema.TypeOf("Query", field));

    [Fact]
    public void Generic_type_members_are_read_through_the_closed_type()
    {
        Assert.Equal("[NullItem!]!", Schema.TypeOf("NullItemPage", "items"));
        Assert.Equal("NullItem", Schema.TypeOf("NullItemPage", "first"));
    }

    [Theory]
    [InlineData("a", "String!")]
    [InlineData("b", "String")]
    [InlineData("c", "[Int!]")]
    [InlineData("d", "Int!")]
    [InlineData("e", "DateTime")]
    public void Argument_types_follow_the_csharp_annotations(string argument, string expected) =>
        Assert.Equal(expected, Schema.ArgTypeOf("Query", "search", argument));

    [Fact]
    public void Value_types_map_to_the_extended_scalars()
    {
        Assert.Equal("UUID!", Schema.TypeOf("NullItem", "guid"));
        Assert.Equal("DateTime!", Schema.TypeOf("NullItem", "at"));
        Assert.Equal("DateTime!", Schema.TypeOf("NullItem", "local"));
        Assert.Equal("Date", Schema.TypeOf("NullItem", "day"));
        Assert.Equal("Decimal!", Schema.TypeOf("NullItem", "price"));
        Assert.Equal("URL", Schema.TypeOf("NullItem", "link"));
        Assert.Equal("Int!", Schema.TypeOf("NullItem", "small"));
        Assert.Equal("Float!", Schema.TypeOf("NullItem", "ratio"));
    }
}

public sealed class NullItem
{
    public Guid Guid { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTime Local { get; set; }
    public DateOnly? Day { get; set; }
    public decimal Price { get; set; }
    public Uri? Link { get; set; }
    public short Small { get; set; }
    public float Ratio { get; set; }
}

public sealed class Page<T>
{
    public List<T> Items { get; set; } = [];
    public T? First { get; set; }
}

public sealed class NullQuery
{
    public string Name => "";
    public string? Nickname => null;
    public int Count => 0;
    public int? MaybeCount => null;
    public List<string?> Tags => [];
    public IReadOnlyList<string> StrictTags => [];
    public string[]? OptionalTags => null;
    public List<List<int>?> Matrix => [];
    public long[] Array => [];
    public double?[]? NullableArray => null;
    public IEnumerable<bool> Enumerable => [];
    public Task<NullItem?> GetAsyncItem() => Task.FromResult<NullItem?>(null);
    public Task<IReadOnlyList<NullItem>> GetAsyncItemsAsync() => Task.FromResult<IReadOnlyList<NullItem>>([]);
    public ValueTask<int> ValueTaskCount() => new(1);
    public Page<NullItem> Page => new();
    [GraphQLNonNull] public string? ForcedNonNull => "";
    [GraphQLNullable] public string ForcedNullable => "";
    [ID] public int Id => 1;
    [ID] public List<Guid> Ids => [];
    [GraphQLNonNull(true, false)] public List<string> Levels => [];
    public string Search(string a, string? b, List<int>? c, int d = 3, DateTimeOffset? e = null) => "";
}
