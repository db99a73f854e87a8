using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class CoercionTests
{
    private sealed record Point(long X, long Y);

    /// <summary>
    /// enum Color { RED GREEN }  (runtime values 1 and 2)
    /// input Inner { a: Int! b: String = "dflt" }
    /// input Outer { inner: [Inner!] name: String! }
    /// input Pick @oneOf { id: ID byName: String }
    /// input PointIn { x: Int! y: Int! }  (created as Point)
    /// type Query { echo(int: Int, ints: [Int], color: Color, outer: Outer, pick: Pick, req: Int!, withDefault: Int = 42, point: PointIn, str: String): String }
    /// </summary>
    private static Schema BuildSchema()
    {
        var color = new EnumType("Color");
        color.AddValue(new EnumValue("RED", 1));
        color.AddValue(new EnumValue("GREEN", 2));

        var inner = new InputObjectType("Inner");
        inner.Fields.Add(new InputValue("a", NonNull(BuiltInScalars.Int)));
        inner.Fields.Add(new InputValue("b", BuiltInScalars.String) { DefaultValue = new StringValueNode { Value = "dflt" } });

        var outer = new InputObjectType("Outer");
        outer.Fields.Add(new InputValue("inner", ListOf(NonNull(inner))));
        outer.Fields.Add(new InputValue("name", NonNull(BuiltInScalars.String)));

        var pick = new InputObjectType("Pick") { IsOneOf = true };
        pick.Fields.Add(new InputValue("id", BuiltInScalars.ID));
        pick.Fields.Add(new InputValue("byName", BuiltInScalars.String));

        var point = new InputObjectType("PointIn")
        {
            CreateRuntimeValue = m => new Point(Convert.ToInt64(m["x"]), Convert.ToInt64(m["y"])),
        };
        point.Fields.Add(new InputValue("x", NonNull(BuiltInScalars.Int)));
        point.Fields.Add(new InputValue("y", NonNull(BuiltInScalars.Int)));

        var echo = Field("echo", BuiltInScalars.String, c => Describe(c.Arguments))
            .WithArgument("int", BuiltInScalars.Int)
            .WithArgument("ints", ListOf(BuiltInScalars.Int))
            .WithArgument("color", color)
            .WithArgument("outer", outer)
            .WithArgument("pick", pick)
            .WithArgument("withDefault", BuiltInScalars.Int, new IntValueNode { Value = "42" })
            .WithArgument("point", point)
            .WithArgument("str", BuiltInScalars.String);
        var required = Field("required", BuiltInScalars.String, c => Describe(c.Arguments))
            .WithArgument("req", NonNull(BuiltInScalars.Int));
        return new Schema(Object("Query", echo, required));
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        Point p => $"Point({p.X},{p.Y})",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Select(e => e.Key + ":" + Describe(e.Value))) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Describe)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static async Task<string> Echo(string arguments, IReadOnlyDictionary<string, object?>? variables = null, string definitions = "")
    {
        var result = await Run(BuildSchema(), $"query{definitions} {{ echo{arguments} }}", variables: variables);
        Assert.Null(result.Errors);
        return (string)result.Data!["echo"]!;
    }

    private static async Task<GraphQLError> VariableError(string definitions, IReadOnlyDictionary<string, object?> variables)
    {
        var result = await Run(BuildSchema(), $"query{definitions} {{ echo }}", variables: variables);
        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        Assert.NotNull(error.Locations);
        return error;
    }

    [Fact]
    public async Task Literal_arguments_of_every_input_kind_are_coerced()
    {
        Assert.Equal("{int:5,withDefault:42}", await Echo("(int: 5)"));
        Assert.Equal("{ints:[1,2],withDefault:42}", await Echo("(ints: [1, 2])"));
        Assert.Equal("{ints:[7],withDefault:42}", await Echo("(ints: 7)"));
        Assert.Equal("{color:2,withDefault:42}", await Echo("(color: GREEN)"));
        Assert.Equal("{outer:{inner:[{a:1,b:'dflt'},{a:2,b:'x'}],name:'n'},withDefault:42}", await Echo("(outer: {name: \"n\", inner: [{a: 1}, {a: 2, b: \"x\"}]})"));
        Assert.Equal("{outer:{inner:[{a:3,b:'dflt'}],name:'n'},withDefault:42}", await Echo("(outer: {name: \"n\", inner: {a: 3}})"));
        Assert.Equal("{pick:{byName:'x'},withDefault:42}", await Echo("(pick: {byName: \"x\"})"));
        Assert.Equal("{withDefault:42,point:Point(1,2)}", await Echo("(point: {x: 1, y: 2})"));
        Assert.Equal("{withDefault:null}", await Echo("(withDefault: null)"));
    }

    [Fact]
    public async Task Variable_arguments_are_coerced_and_absent_variables_fall_back_to_defaults()
    {
        const string defs = "($i: Int, $d: Int, $o: Outer, $c: Color, $l: [Int], $p: PointIn)";
        var vars = Vars(("i", 5L), ("o", Vars(("name", "n"), ("inner", new object?[] { Vars(("a", 1L)) }))), ("c", "RED"), ("l", 3L), ("p", Vars(("x", 4L), ("y", 5L))));
        Assert.Equal(
            "{int:5,ints:[3],color:1,outer:{inner:[{a:1,b:'dflt'}],name:'n'},withDefault:42,point:Point(4,5)}",
            await Echo("(int: $i, withDefault: $d, outer: $o, color: $c, ints: $l, point: $p)", vars, defs));
        Assert.Equal("{int:null,withDefault:42}", await Echo("(int: $i)", Vars(("i", null)), "($i: Int)"));
        Assert.Equal("{int:9,withDefault:42}", await Echo("(int: $i)", null, "($i: Int = 9)"));
        Assert.Equal("{ints:[1,null],withDefault:42}", await Echo("(ints: [1, $missing])", null, "($missing: Int)"));
        Assert.Equal("{outer:{inner:[{a:1,b:'dflt'}],name:'n'},withDefault:42}", await Echo("(outer: {name: \"n\", inner: [{a: 1, b: $b}]})", null, "($b: String)"));
    }

    [Fact]
    public async Task Variable_of_wrong_scalar_type_is_refused_before_execution()
    {
        var error = await VariableError("($i: Int)", Vars(("i", "abc")));
        Assert.Equal("Variable \"$i\" got invalid value \"abc\"; Int cannot represent non-integer value: \"abc\"", error.Message);
    }

    [Fact]
    public async Task Missing_and_null_non_null_variables_are_refused()
    {
        Assert.Equal("Variable \"$r\" of required type \"Int!\" was not provided.", (await VariableError("($r: Int!)", Vars())).Message);
        Assert.Equal("Variable \"$r\" of non-null type \"Int!\" must not be null.", (await VariableError("($r: Int!)", Vars(("r", null)))).Message);
    }

    [Fact]
    public async Task Variable_of_unknown_or_output_type_is_refused()
    {
        Assert.Equal("Variable \"$x\" expected value of type \"Nope\" which cannot be used as an input type.", (await VariableError("($x: Nope)", Vars())).Message);
        Assert.Equal("Variable \"$x\" expected value of type \"Query\" which cannot be used as an input type.", (await VariableError("($x: Query)", Vars())).Message);
    }

    [Fact]
    public async Task Input_object_variable_problems_name_the_path()
    {
        var missing = await VariableError("($o: Outer)", Vars(("o", Vars(("name", "n"), ("inner", new object?[] { Vars(("a", 1L)), Vars(("b", "x")) })))));
        Assert.Equal("Variable \"$o\" got invalid value { b: \"x\" } at \"o.inner[1]\"; Field \"a\" of required type \"Int!\" was not provided.", missing.Message);

        var unknown = await VariableError("($o: Outer)", Vars(("o", Vars(("name", "n"), ("extra", 1L)))));
        Assert.Equal("Variable \"$o\" got invalid value { name: \"n\", extra: 1 }; Field \"extra\" is not defined by type \"Outer\".", unknown.Message);

        var notObject = await VariableError("($o: Outer)", Vars(("o", "text")));
        Assert.Equal("Variable \"$o\" got invalid value \"text\"; Expected type \"Outer\" to be an object.", notObject.Message);

        var nullItem = await VariableError("($o: Outer)", Vars(("o", Vars(("name", "n"), ("inner", new object?[] { null })))));
        Assert.Equal("Variable \"$o\" got invalid value null at \"o.inner[0]\"; Expected non-nullable type \"Inner!\" not to be null.", nullItem.Message);
    }

    [Fact]
    public async Task Every_problem_of_a_variable_is_reported()
    {
        var result = await Run(BuildSchema(), "query($l: [Int]) { echo(ints: $l) }", variables: Vars(("l", new object?[] { "a", 1L, "b" })));
        Assert.Equal(2, result.Errors!.Count);
        Assert.Contains("at \"l[0]\"", result.Errors[0].Message);
        Assert.Contains("at \"l[2]\"", result.Errors[1].Message);
    }

    [Fact]
    public async Task Enum_variables_are_taken_by_name_only()
    {
        Assert.Equal("Variable \"$c\" got invalid value \"BLUE\"; Value \"BLUE\" does not exist in \"Color\" enum.", (await VariableError("($c: Color)", Vars(("c", "BLUE")))).Message);
        Assert.Equal("Variable \"$c\" got invalid value 1; Enum \"Color\" cannot represent non-string value: 1.", (await VariableError("($c: Color)", Vars(("c", 1L)))).Message);
    }

    [Fact]
    public async Task OneOf_input_requires_exactly_one_non_null_field()
    {
        Assert.Equal("{pick:{id:'7'},withDefault:42}", await Echo("(pick: $p)", Vars(("p", Vars(("id", "7")))), "($p: Pick)"));
        Assert.Equal("Variable \"$p\" got invalid value { id: \"1\", byName: \"x\" }; Exactly one key must be specified for OneOf type \"Pick\".",
            (await VariableError("($p: Pick)", Vars(("p", Vars(("id", "1"), ("byName", "x")))))).Message);
        Assert.Equal("Variable \"$p\" got invalid value {}; Exactly one key must be specified for OneOf type \"Pick\".",
            (await VariableError("($p: Pick)", Vars(("p", Vars())))).Message);
        Assert.Equal("Variable \"$p\" got invalid value { id: null }; Field \"id\" must be non-null.",
            (await VariableError("($p: Pick)", Vars(("p", Vars(("id", null)))))).Message);

        var literal = await Run(BuildSchema(), "query($n: String) { echo(pick: {byName: $n}) }", variables: Vars(("n", null)));
        Assert.Equal("Argument \"pick\" has invalid value {byName: $n}.", Assert.Single(literal.Errors!).Message);
        var two = await Run(BuildSchema(), "{ echo(pick: {id: 1, byName: \"x\"}) }");
        Assert.Equal("Argument \"pick\" has invalid value {id: 1, byName: \"x\"}.", Assert.Single(two.Errors!).Message);
    }

    [Fact]
    public async Task Invalid_literal_argument_is_a_field_error_with_location()
    {
        var result = await Run(BuildSchema(), "{ echo(int: \"x\") other: echo(int: 1) }");
        Assert.Equal(J("{'data':{'echo':null,'other':'{int:1,withDefault:42}'}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal("Argument \"int\" has invalid value \"x\".", error.Message);
        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        Assert.Equal(["echo"], error.Path!);
        Assert.Equal(new SourceLocation(1, 13), Assert.Single(error.Locations!));
    }

    [Fact]
    public async Task Missing_required_argument_and_unprovided_variable_are_field_errors()
    {
        var missing = await Run(BuildSchema(), "{ required }");
        Assert.Equal("Argument \"req\" of required type \"Int!\" was not provided.", Assert.Single(missing.Errors!).Message);

        var unprovided = await Run(BuildSchema(), "query($v: Int) { required(req: $v) }");
        Assert.Equal("Argument \"req\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value.", Assert.Single(unprovided.Errors!).Message);

        var nullVariable = await Run(BuildSchema(), "query($v: Int) { required(req: $v) }", variables: Vars(("v", null)));
        Assert.Equal("Argument \"req\" of non-null type \"Int!\" must not be null.", Assert.Single(nullVariable.Errors!).Message);
    }

    [Fact]
    public void Value_from_ast_coerces_defaults_and_refuses_bad_literals()
    {
        Assert.True(InputCoercion.TryValueFromAst(new ListValueNode { Values = [new IntValueNode { Value = "1" }] }, ListOf(NonNull(BuiltInScalars.Int)), null, out var list));
        Assert.Equal(new object?[] { 1 }, (object?[])list!);
        Assert.False(InputCoercion.TryValueFromAst(NullValueNode.Instance, NonNull(BuiltInScalars.Int), null, out _));
        Assert.False(InputCoercion.TryValueFromAst(new StringValueNode { Value = "RED" }, BuildSchema().GetType("Color")!, null, out _));
        Assert.True(InputCoercion.TryValueFromAst(new EnumValueNode { Value = "RED" }, BuildSchema().GetType("Color")!, null, out var red));
        Assert.Equal(1, red);
    }

    [Fact]
    public void Json_variables_keep_key_order_and_number_kinds()
    {
        var vars = JsonVariables.FromJson("{\"z\": 1, \"a\": 1.5, \"big\": 12345678901234567890, \"list\": [true, null, \"s\"], \"obj\": {\"y\": 2, \"x\": {}}}")!;
        Assert.Equal(["z", "a", "big", "list", "obj"], vars.Keys);
        Assert.Equal(1L, vars["z"]);
        Assert.Equal(1.5, vars["a"]);
        Assert.IsType<double>(vars["big"]);
        Assert.Equal(new object?[] { true, null, "s" }, (IReadOnlyList<object?>)vars["list"]!);
        var obj = (IReadOnlyDictionary<string, object?>)vars["obj"]!;
        Assert.Equal(["y", "x"], obj.Keys);
        Assert.Null(JsonVariables.FromJson("null"));
        Assert.Throws<GraphQLException>(() => JsonVariables.FromJson("[1]"));
        Assert.Throws<GraphQLException>(() => JsonVariables.FromJson("{oops"));
    }
}
