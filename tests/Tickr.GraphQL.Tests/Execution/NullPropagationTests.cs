using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class NullPropagationTests
{
    /// <summary>
    /// type Query { nullable: Data, nonNull: Data!, list: [Data], listOfNonNull: [Data!], nonNullListOfNonNull: [Data!]! }
    /// type Data { ok: String, nullableNull: String, nonNullNull: String!, nonNullAsyncNull: String!, throws: String!, nested: Data, nonNullNested: Data! }
    /// </summary>
    private static Schema BuildSchema()
    {
        var data = new ObjectType("Data");
        data.Fields.Add(Field("ok", BuiltInScalars.String, _ => "ok"));
        data.Fields.Add(Field("nullableNull", BuiltInScalars.String, _ => null));
        data.Fields.Add(Field("nonNullNull", NonNull(BuiltInScalars.String), _ => null));
        data.Fields.Add(AsyncField("nonNullAsyncNull", NonNull(BuiltInScalars.String), async _ => { await Task.Yield(); return null; }));
        data.Fields.Add(Field("throws", NonNull(BuiltInScalars.String), _ => throw new GraphQLException("boom")));
        data.Fields.Add(Field("nested", data, _ => new object()));
        data.Fields.Add(Field("nonNullNested", NonNull(data), _ => new object()));
        var query = Object("Query",
            Field("nullable", data, _ => new object()),
            Field("nonNull", NonNull(data), _ => new object()),
            Field("list", ListOf(data), _ => new object[] { 1, 2 }),
            Field("listOfNonNull", ListOf(NonNull(data)), _ => new object[] { 1, 2 }),
            Field("listWithNullItem", ListOf(NonNull(BuiltInScalars.Int)), _ => new object?[] { 1, null, 3 }),
            Field("nullableItems", NonNull(ListOf(BuiltInScalars.Int)), _ => new object?[] { 1, null, 3 }),
            Field("nestedLists", ListOf(ListOf(NonNull(BuiltInScalars.Int))), _ => new object?[] { new object?[] { 1 }, new object?[] { 2, null } }));
        return new Schema(query);
    }

    [Fact]
    public async Task Null_in_non_null_field_nulls_the_parent_object()
    {
        var result = await Run(BuildSchema(), "{ nullable { ok nonNullNull } }");
        Assert.Equal(J("{'data':{'nullable':null}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal("Cannot return null for non-nullable field Data.nonNullNull.", error.Message);
        Assert.Equal(["nullable", "nonNullNull"], error.Path!);
        Assert.Equal(new Tickr.GraphQL.Language.Ast.SourceLocation(1, 17), Assert.Single(error.Locations!));
    }

    [Fact]
    public async Task Null_propagates_through_non_null_ancestors_to_the_nearest_nullable_one()
    {
        var result = await Run(BuildSchema(), "{ nullable { nonNullNested { nonNullNested { nonNullNull } } } ok: nullable { ok } }");
        Assert.Equal(J("{'data':{'nullable':null,'ok':{'ok':'ok'}}}"), DataJson(result));
        Assert.Equal(["nullable", "nonNullNested", "nonNullNested", "nonNullNull"], Assert.Single(result.Errors!).Path!);
    }

    [Fact]
    public async Task Null_reaching_the_root_makes_data_null()
    {
        var result = await Run(BuildSchema(), "{ nonNull { nonNullNull } nullable { ok } }");
        Assert.True(result.HasData);
        Assert.Null(result.Data);
        Assert.Equal(J("{'data':null}"), DataJson(result));
        Assert.Single(result.Errors!);
    }

    [Fact]
    public async Task Asynchronous_null_propagates_like_a_synchronous_one()
    {
        var result = await Run(BuildSchema(), "{ nullable { ok nonNullAsyncNull } list { ok } }");
        Assert.Equal(J("{'data':{'nullable':null,'list':[{'ok':'ok'},{'ok':'ok'}]}}"), DataJson(result));
        Assert.Equal(["nullable", "nonNullAsyncNull"], Assert.Single(result.Errors!).Path!);
    }

    [Fact]
    public async Task Error_in_a_list_item_of_non_null_type_nulls_the_whole_list()
    {
        var result = await Run(BuildSchema(), "{ listOfNonNull { nonNullNull } list { nonNullNull } }");
        Assert.Equal(J("{'data':{'listOfNonNull':null,'list':[null,null]}}"), DataJson(result));
        Assert.Equal(["listOfNonNull", 0, "nonNullNull"], result.Errors![0].Path!);
        Assert.Equal(["list", 0, "nonNullNull"], result.Errors![1].Path!);
        Assert.Equal(["list", 1, "nonNullNull"], result.Errors![2].Path!);
        Assert.Equal(3, result.Errors!.Count);
    }

    [Fact]
    public async Task Null_item_in_lists_follows_the_item_type()
    {
        var result = await Run(BuildSchema(), "{ listWithNullItem nullableItems nestedLists }");
        Assert.Equal(J("{'data':{'listWithNullItem':null,'nullableItems':[1,null,3],'nestedLists':[[1],null]}}"), DataJson(result));
        Assert.Equal(2, result.Errors!.Count);
        Assert.Equal(["listWithNullItem", 1], result.Errors[0].Path!);
        Assert.Equal("Cannot return null for non-nullable field Query.listWithNullItem.", result.Errors[0].Message);
        Assert.Equal(["nestedLists", 1, 1], result.Errors[1].Path!);
    }

    [Fact]
    public async Task Thrown_error_in_non_null_field_keeps_its_message_and_propagates()
    {
        var result = await Run(BuildSchema(), "{ nullable { throws } }");
        Assert.Equal(J("{'data':{'nullable':null}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal("boom", error.Message);
        Assert.Equal(ErrorCodes.ResolverError, error.Code);
    }

    [Fact]
    public async Task Nullable_field_errors_keep_siblings()
    {
        var result = await Run(BuildSchema(), "{ nullable { ok nested { throws } nullableNull } }");
        Assert.Equal(J("{'data':{'nullable':{'ok':'ok','nested':null,'nullableNull':null}}}"), DataJson(result));
        Assert.Equal(["nullable", "nested", "throws"], Assert.Single(result.Errors!).Path!);
    }
}
