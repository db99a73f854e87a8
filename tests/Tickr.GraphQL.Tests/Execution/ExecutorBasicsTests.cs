using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class ExecutorBasicsTests
{
    private sealed record Person(string Name, int Age, Person? Friend)
    {
        public string nickname = "nick";
    }

    private static Schema PeopleSchema()
    {
        var person = new ObjectType("Person");
        person.Fields.Add(new OutputField("name", BuiltInScalars.String));
        person.Fields.Add(new OutputField("age", BuiltInScalars.Int));
        person.Fields.Add(new OutputField("nickname", BuiltInScalars.String));
        person.Fields.Add(new OutputField("friend", person));
        var query = Object("Query",
            Field("me", person, _ => new Person("Ada", 36, new Person("Bob", 40, null))),
            Field("map", person, _ => new Dictionary<string, object?> { ["name"] = "FromMap", ["age"] = 3 }),
            Field("hello", BuiltInScalars.String, c => "hello " + (c.ArgumentValue<string>("to") ?? "world"))
                .WithArgument("to", BuiltInScalars.String));
        return new Schema(query);
    }

    [Fact]
    public async Task Fields_are_returned_in_selection_order_with_aliases()
    {
        var json = await Json(PeopleSchema(), "{ me { age n: name } hello }");
        Assert.Equal(J("{'data':{'me':{'age':36,'n':'Ada'},'hello':'hello world'}}"), json);
    }

    [Fact]
    public async Task Default_resolver_reads_properties_fields_and_dictionary_entries()
    {
        var json = await Json(PeopleSchema(), "{ me { name nickname friend { name friend { name } } } map { name age } }");
        Assert.Equal(J("{'data':{'me':{'name':'Ada','nickname':'nick','friend':{'name':'Bob','friend':null}},'map':{'name':'FromMap','age':3}}}"), json);
    }

    [Fact]
    public async Task Same_response_key_is_merged_across_fragments()
    {
        var json = await Json(PeopleSchema(), "{ me { name } me { age ...F } } fragment F on Person { friend { name } name }");
        Assert.Equal(J("{'data':{'me':{'name':'Ada','age':36,'friend':{'name':'Bob'}}}}"), json);
    }

    [Fact]
    public async Task Typename_is_answered_for_every_object()
    {
        var json = await Json(PeopleSchema(), "{ __typename me { __typename t: __typename } }");
        Assert.Equal(J("{'data':{'__typename':'Query','me':{'__typename':'Person','t':'Person'}}}"), json);
    }

    [Fact]
    public async Task Skip_and_include_follow_literals_and_variables()
    {
        var query = "query($yes: Boolean!, $no: Boolean = false) { a: hello @skip(if: $yes) b: hello @include(if: $yes) c: hello @include(if: $no) d: hello @skip(if: false) ... @include(if: $no) { e: hello } ... @skip(if: $no) { f: hello } }";
        var json = await Json(PeopleSchema(), query, variables: Vars(("yes", true)));
        Assert.Equal(J("{'data':{'b':'hello world','d':'hello world','f':'hello world'}}"), json);
    }

    [Fact]
    public async Task Arguments_reach_the_resolver()
    {
        var json = await Json(PeopleSchema(), "query($who: String) { a: hello(to: \"you\") b: hello(to: $who) c: hello }", variables: Vars(("who", "var")));
        Assert.Equal(J("{'data':{'a':'hello you','b':'hello var','c':'hello world'}}"), json);
    }

    [Fact]
    public async Task Root_value_is_the_parent_of_root_fields()
    {
        var query = Object("Query", Field("name", BuiltInScalars.String));
        var json = await Json(new Schema(query), "{ name }", root: new { name = "root" });
        Assert.Equal(J("{'data':{'name':'root'}}"), json);
    }

    [Fact]
    public async Task Operation_is_selected_by_name_and_ambiguity_is_an_error()
    {
        var schema = PeopleSchema();
        const string doc = "query A { hello } query B { me { name } }";
        Assert.Equal(J("{'data':{'me':{'name':'Ada'}}}"), await Json(schema, doc, operationName: "B"));

        var ambiguous = await Run(schema, doc);
        Assert.False(ambiguous.HasData);
        Assert.Equal("Must provide operation name if query contains multiple operations.", Assert.Single(ambiguous.Errors!).Message);

        var unknown = await Run(schema, doc, operationName: "C");
        Assert.Equal("Unknown operation named \"C\".", Assert.Single(unknown.Errors!).Message);
        Assert.Equal(ErrorCodes.OperationNotFound, unknown.Errors![0].Code);
    }

    [Fact]
    public async Task Mutation_on_a_schema_without_mutation_type_is_refused()
    {
        var result = await Run(PeopleSchema(), "mutation { hello }");
        Assert.False(result.HasData);
        Assert.Equal("Schema is not configured to execute mutation operation.", Assert.Single(result.Errors!).Message);
    }

    [Fact]
    public async Task Enum_values_are_serialized_by_runtime_value()
    {
        var color = new EnumType("Color");
        color.AddValue(new EnumValue("RED", ConsoleColor.Red));
        color.AddValue(new EnumValue("BLUE", ConsoleColor.Blue));
        var query = Object("Query",
            Field("color", color, _ => ConsoleColor.Blue),
            Field("colors", ListOf(color), _ => new[] { ConsoleColor.Red, ConsoleColor.Blue }),
            Field("bad", color, _ => ConsoleColor.Green));
        var result = await Run(new Schema(query), "{ color colors bad }");
        Assert.Equal(J("{'data':{'color':'BLUE','colors':['RED','BLUE'],'bad':null}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal(["bad"], error.Path!);
        Assert.Equal(ErrorCodes.SerializationFailed, error.Code);
    }

    [Fact]
    public async Task Lists_accept_any_enumerable_but_not_strings()
    {
        var query = Object("Query",
            Field("lazy", ListOf(BuiltInScalars.Int), _ => Enumerable.Range(1, 3).Select(i => i * 2)),
            Field("set", ListOf(BuiltInScalars.String), _ => new HashSet<string> { "x" }),
            Field("notList", ListOf(BuiltInScalars.String), _ => "abc"));
        var result = await Run(new Schema(query), "{ lazy set notList }");
        Assert.Equal(J("{'data':{'lazy':[2,4,6],'set':['x'],'notList':null}}"), DataJson(result));
        Assert.Equal("Expected Iterable, but did not find one for field \"Query.notList\".", Assert.Single(result.Errors!).Message);
    }

    [Fact]
    public async Task Leaf_serialization_failure_is_a_field_error()
    {
        var query = Object("Query", Field("n", BuiltInScalars.Int, _ => "not a number"), Field("ok", BuiltInScalars.Int, _ => 7));
        var result = await Run(new Schema(query), "{ n ok }");
        Assert.Equal(J("{'data':{'n':null,'ok':7}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal(["n"], error.Path!);
        Assert.Equal(ErrorCodes.SerializationFailed, error.Code);
    }

    [Fact]
    public async Task Resolver_context_exposes_field_parent_type_path_and_selections()
    {
        IResolverContext? seen = null;
        var path = "";
        var item = Object("Item", Field("probe", BuiltInScalars.String, c =>
        {
            seen = c;
            path = string.Join("/", c.Path);
            return $"{c.ParentType.Name}.{c.Field.Name}:{c.Selection.ResponseKey}:{c.Selections.Count}:{c.Operation.Name?.Value}";
        }));
        var query = Object("Query", Field("items", ListOf(item), _ => new object[] { 1, 2 }));
        var json = await Json(new Schema(query), "query Op { items { p: probe p: probe } }");
        Assert.Equal(J("{'data':{'items':[{'p':'Item.probe:p:2:Op'},{'p':'Item.probe:p:2:Op'}]}}"), json);
        Assert.NotNull(seen);
        Assert.Equal("items/1/p", path);
    }
}
