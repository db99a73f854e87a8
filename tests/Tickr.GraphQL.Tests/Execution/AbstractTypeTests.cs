using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class AbstractTypeTests
{
    private abstract record Pet(string Name);
    private sealed record Dog(string Name, bool Barks) : Pet(Name);
    private sealed record Cat(string Name, int Lives) : Pet(Name);
    private sealed record Fish(string Name) : Pet(Name);

    /// <summary>
    /// interface Named { name: String }  (no ResolveType: CLR runtime types decide)
    /// type Dog implements Named { name barks }  type Cat implements Named { name lives }
    /// union Animal = Dog | Cat (ResolveType given)
    /// type Query { named: [Named] animals: [Animal] wrong: Named }
    /// </summary>
    private static Schema BuildSchema(Func<object, Schema, ObjectType?>? unionResolver = null, object[]? named = null)
    {
        var namedType = new InterfaceType("Named");
        namedType.Fields.Add(new OutputField("name", BuiltInScalars.String));

        var dog = Object("Dog", new OutputField("name", BuiltInScalars.String), new OutputField("barks", BuiltInScalars.Boolean));
        dog.Interfaces.Add(namedType);
        dog.RuntimeType = typeof(Dog);
        var cat = Object("Cat", new OutputField("name", BuiltInScalars.String), new OutputField("lives", BuiltInScalars.Int));
        cat.Interfaces.Add(namedType);
        cat.RuntimeType = typeof(Cat);

        var animal = new UnionType("Animal") { ResolveType = unionResolver ?? ((value, schema) => value is Dog ? (ObjectType)schema.GetType("Dog")! : (ObjectType)schema.GetType("Cat")!) };
        animal.Types.Add(dog);
        animal.Types.Add(cat);

        var pets = new object[] { new Dog("Rex", true), new Cat("Tom", 9) };
        var query = Object("Query",
            Field("named", ListOf(namedType), _ => named ?? pets),
            Field("animals", ListOf(animal), _ => pets),
            Field("dict", namedType, _ => new Dictionary<string, object?> { ["__typename"] = "Cat", ["name"] = "Dict", ["lives"] = 3 }));
        return new Schema(query);
    }

    [Fact]
    public async Task Fragments_on_interfaces_and_concrete_types_apply_by_runtime_type()
    {
        var json = await Json(BuildSchema(), "{ named { __typename name ... on Dog { barks } ...CatFields } } fragment CatFields on Cat { lives }");
        Assert.Equal(J("{'data':{'named':[{'__typename':'Dog','name':'Rex','barks':true},{'__typename':'Cat','name':'Tom','lives':9}]}}"), json);
    }

    [Fact]
    public async Task Fragments_on_unions_and_on_interfaces_inside_unions()
    {
        var json = await Json(BuildSchema(), "{ animals { __typename ... on Named { name } ... on Cat { lives } } }");
        Assert.Equal(J("{'data':{'animals':[{'__typename':'Dog','name':'Rex'},{'__typename':'Cat','name':'Tom','lives':9}]}}"), json);
    }

    [Fact]
    public async Task Dictionary_values_name_their_type_with_typename()
    {
        var json = await Json(BuildSchema(), "{ dict { __typename name ... on Cat { lives } } }");
        Assert.Equal(J("{'data':{'dict':{'__typename':'Cat','name':'Dict','lives':3}}}"), json);
    }

    [Fact]
    public async Task IsTypeOf_is_used_when_there_is_no_resolver()
    {
        var schema = BuildSchema(named: [new Fish("Nemo")]);
        var cat = (ObjectType)schema.GetType("Cat")!;
        cat.IsTypeOf = v => v is Fish or Cat;
        var json = await Json(schema, "{ named { __typename name } }");
        Assert.Equal(J("{'data':{'named':[{'__typename':'Cat','name':'Nemo'}]}}"), json);
    }

    [Fact]
    public async Task Unresolvable_value_is_a_field_error()
    {
        var result = await Run(BuildSchema(named: [new Fish("Nemo")]), "{ named { name } }");
        Assert.Equal(J("{'data':{'named':[null]}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.StartsWith("Abstract type \"Named\" must resolve to an Object type at runtime for field \"Query.named\".", error.Message);
        Assert.Equal(["named", 0], error.Path!);
    }

    [Fact]
    public async Task Resolving_to_a_type_outside_the_union_is_a_field_error()
    {
        var result = await Run(BuildSchema(unionResolver: (_, s) => s.QueryType), "{ animals { __typename } }");
        Assert.Equal(J("{'data':{'animals':[null,null]}}"), DataJson(result));
        Assert.Equal("Runtime Object type \"Query\" is not a possible type for \"Animal\".", result.Errors![0].Message);
    }
}
