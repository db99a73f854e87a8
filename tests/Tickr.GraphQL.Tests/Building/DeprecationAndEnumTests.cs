using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Building;

namespace Tickr.GraphQL.Tests.Building;

public class DeprecationAndEnumTests
{
    private static readonly Schema Schema = new SchemaBuilder().AddQueryType<LegacyQuery>().Build();

    [Fact]
    public void GraphQLDeprecated_and_Obsolete_deprecate_fields()
    {
        Assert.Equal("Use name.", Schema.Field("Query", "title").DeprecationReason);
        Assert.Equal("Gone soon.", Schema.Field("Query", "oldList").DeprecationReason);
        Assert.Equal("No longer supported", Schema.Field("Query", "ancient").DeprecationReason);
        Assert.False(Schema.Field("Query", "name").IsDeprecated);
    }

    [Fact]
    public void Arguments_and_enum_values_can_be_deprecated()
    {
        Assert.Equal("Use filter.", Schema.Field("Query", "name").Arguments["legacy"]!.DeprecationReason);
        var status = (EnumType)Schema.GetType("LegacyStatus")!;
        Assert.Equal("Merged into OPEN.", status.Values["PENDING"]!.DeprecationReason);
    }

    [Fact]
    public void Enums_keep_declaration_order_runtime_values_and_skip_ignored_members()
    {
        var status = (EnumType)Schema.GetType("LegacyStatus")!;
        Assert.Equal(["OPEN", "PENDING", "SOLD_OUT"], status.Values.Select(v => v.Name));
        Assert.Equal(LegacyStatus.SoldOut, status.Values["SOLD_OUT"]!.Value);
        Assert.Equal(typeof(LegacyStatus), status.RuntimeType);
        Assert.Equal("SOLD_OUT", status.FindByRuntimeValue(LegacyStatus.SoldOut)!.Name);
    }

    [Fact]
    public async Task Enum_arguments_and_defaults_use_the_enum_values()
    {
        var field = Schema.Field("Query", "byStatus");
        var argument = field.Arguments["status"]!;
        Assert.Equal("LegacyStatus!", argument.Type.Print());
        Assert.Equal("SOLD_OUT", Assert.IsType<Tickr.GraphQL.Language.Ast.EnumValueNode>(argument.DefaultValue).Value);

        var context = new TestResolverContext();
        context.Args["status"] = LegacyStatus.Open;
        Assert.Equal("Open", await Schema.Resolve("Query", "byStatus", context));
    }
}

public enum LegacyStatus
{
    Open,
    [Obsolete("Merged into OPEN.")] Pending,
    SoldOut,
    [GraphQLIgnore] Internal,
}

public sealed class LegacyQuery
{
    [GraphQLDeprecated("Use name.")] public string Title => "";
    [Obsolete("Gone soon.")] public List<string> OldList => [];
    [GraphQLDeprecated] public string? Ancient => null;
    public string Name([GraphQLDeprecated("Use filter.")] string? legacy = null) => legacy ?? "";
    public string ByStatus(LegacyStatus status = LegacyStatus.SoldOut) => status.ToString();
}
