using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.Tests.Types;

public class HostileSdlTests
{
    [Fact]
    public void Deeply_nested_list_types_fail_cleanly_or_build_without_overflowing_the_stack()
    {
        var depth = 100_000;
        var sdl = "type Query { a: " + new string('[', depth) + "Int" + new string(']', depth) + " }";
        try
        {
            var schema = SdlSchemaBuilder.FromSdl(sdl);
            Assert.NotNull(schema.QueryType.Fields["a"]);
        }
        catch (SchemaException ex)
        {
            Assert.NotEmpty(ex.Errors);
        }
    }

    [Fact]
    public void Deeply_nested_default_values_fail_cleanly_or_build_without_overflowing_the_stack()
    {
        var depth = 100_000;
        var sdl = "type Query { a(x: [Int] = " + new string('[', depth) + "1" + new string(']', depth) + "): Int }";
        try
        {
            var schema = SdlSchemaBuilder.FromSdl(sdl);
            Assert.NotNull(Tickr.GraphQL.Utilities.SchemaPrinter.Print(schema));
        }
        catch (SchemaException ex)
        {
            Assert.NotEmpty(ex.Errors);
        }
    }

    [Fact]
    public void A_long_chain_of_types_is_collected_without_recursion()
    {
        var sb = new System.Text.StringBuilder("type Query { next: T0 }\n");
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append("type T").Append(i).Append(" { next: T").Append(i + 1).Append(" }\n");
        }
        sb.Append("type T20000 { end: Int }\n");
        var schema = SdlSchemaBuilder.FromSdl(sb.ToString());
        Assert.NotNull(schema.GetType("T20000"));
    }
}
