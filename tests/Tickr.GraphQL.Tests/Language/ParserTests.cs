using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Language;

public class ParserTests
{
    private static GraphQLSyntaxException SyntaxError(Action parse) => Assert.Throws<GraphQLSyntaxException>(parse);

    private static void AssertError(string source, string message, int line, int column)
    {
        var ex = SyntaxError(() => Parser.Parse(source));
        Assert.Equal("Syntax Error: " + message, ex.Message);
        Assert.Equal(new SourceLocation(line, column), ex.Location);
    }

    // ---- Executable documents -----------------------------------------------------------------------------

    [Fact]
    public void Shorthand_query_is_an_anonymous_query_operation()
    {
        var doc = Parser.Parse("{ a b c }");
        var op = Assert.IsType<OperationDefinitionNode>(Assert.Single(doc.Definitions));
        Assert.Equal(OperationType.Query, op.Operation);
        Assert.Null(op.Name);
        Assert.Empty(op.VariableDefinitions);
        Assert.Empty(op.Directives);
        Assert.Equal(["a", "b", "c"], op.SelectionSet.Selections.Select(s => ((FieldNode)s).Name.Value));
        Assert.Equal(5, doc.TokenCount);
    }

    [Theory]
    [InlineData("query Q { a }", OperationType.Query)]
    [InlineData("mutation M { a }", OperationType.Mutation)]
    [InlineData("subscription S { a }", OperationType.Subscription)]
    public void Named_operations_carry_their_type_and_name(string source, OperationType type)
    {
        var op = (OperationDefinitionNode)Parser.Parse(source).Definitions[0];
        Assert.Equal(type, op.Operation);
        Assert.Equal(source.Split(' ')[1], op.Name!.Value);
    }

    [Fact]
    public void Variable_definitions_carry_type_default_value_and_directives()
    {
        var op = (OperationDefinitionNode)Parser.Parse("query Q($a: [Int!]! = [1], $b: In = {x: ENUM} @d(k: 1), $c: String) { f }").Definitions[0];
        Assert.Equal(3, op.VariableDefinitions.Count);
        var a = op.VariableDefinitions[0];
        Assert.Equal("a", a.Variable.Name.Value);
        var nonNull = Assert.IsType<NonNullTypeNode>(a.Type);
        var list = Assert.IsType<ListTypeNode>(nonNull.Type);
        var inner = Assert.IsType<NonNullTypeNode>(list.Type);
        Assert.Equal("Int", Assert.IsType<NamedTypeNode>(inner.Type).Name.Value);
        Assert.Equal("1", ((IntValueNode)((ListValueNode)a.DefaultValue!).Values[0]).Value);
        var b = op.VariableDefinitions[1];
        var obj = Assert.IsType<ObjectValueNode>(b.DefaultValue);
        Assert.Equal("ENUM", Assert.IsType<EnumValueNode>(obj.Fields[0].Value).Value);
        Assert.Equal("d", Assert.Single(b.Directives).Name.Value);
        Assert.Null(op.VariableDefinitions[2].DefaultValue);
    }

    [Fact]
    public void Fields_carry_alias_arguments_directives_and_selections()
    {
        var op = (OperationDefinitionNode)Parser.Parse("{ alias: field(x: 1, y: $v) @include(if: true) @skip(if: false) { sub } plain }").Definitions[0];
        var field = (FieldNode)op.SelectionSet.Selections[0];
        Assert.Equal("alias", field.Alias!.Value);
        Assert.Equal("field", field.Name.Value);
        Assert.Equal("alias", field.ResponseKey);
        Assert.Equal(["x", "y"], field.Arguments.Select(a => a.Name.Value));
        Assert.Equal("v", Assert.IsType<VariableNode>(field.Arguments[1].Value).Name.Value);
        Assert.Equal(["include", "skip"], field.Directives.Select(d => d.Name.Value));
        Assert.Single(field.SelectionSet!.Selections);
        var plain = (FieldNode)op.SelectionSet.Selections[1];
        Assert.Null(plain.Alias);
        Assert.Null(plain.SelectionSet);
        Assert.Empty(plain.Arguments);
        Assert.Equal("plain", plain.ResponseKey);
    }

    [Fact]
    public void Fragment_spreads_inline_fragments_and_fragment_definitions_are_distinguished()
    {
        var doc = Parser.Parse("{ ...F @d ... on T { a } ... @d { b } ... { c } } fragment F on T @e { a }");
        var selections = ((OperationDefinitionNode)doc.Definitions[0]).SelectionSet.Selections;
        var spread = Assert.IsType<FragmentSpreadNode>(selections[0]);
        Assert.Equal("F", spread.Name.Value);
        Assert.Single(spread.Directives);
        var typed = Assert.IsType<InlineFragmentNode>(selections[1]);
        Assert.Equal("T", typed.TypeCondition!.Name.Value);
        var directiveOnly = Assert.IsType<InlineFragmentNode>(selections[2]);
        Assert.Null(directiveOnly.TypeCondition);
        Assert.Single(directiveOnly.Directives);
        Assert.Null(Assert.IsType<InlineFragmentNode>(selections[3]).TypeCondition);
        var fragment = Assert.IsType<FragmentDefinitionNode>(doc.Definitions[1]);
        Assert.Equal("F", fragment.Name.Value);
        Assert.Equal("T", fragment.TypeCondition.Name.Value);
        Assert.Equal("e", Assert.Single(fragment.Directives).Name.Value);
    }

    [Fact]
    public void Keywords_are_ordinary_names_where_a_name_is_expected()
    {
        var doc = Parser.Parse("query query { query mutation: subscription fragment on type(schema: true) ... on on { on } } fragment onFrag on on { a }");
        Assert.Equal(2, doc.Definitions.Count);
        Assert.Equal("query", ((OperationDefinitionNode)doc.Definitions[0]).Name!.Value);
    }

    [Fact]
    public void Executable_descriptions_are_accepted_on_operations_fragments_and_variables()
    {
        var doc = Parser.Parse("\"op\" query Q(\"v\" $a: Int) { a } \"\"\"frag\"\"\" fragment F on T { a }");
        var op = (OperationDefinitionNode)doc.Definitions[0];
        Assert.Equal("op", op.Description!.Value);
        Assert.Equal("v", op.VariableDefinitions[0].Description!.Value);
        var fragment = (FragmentDefinitionNode)doc.Definitions[1];
        Assert.True(fragment.Description!.Block);
        Assert.Equal("frag", fragment.Description.Value);
    }

    // ---- Values -------------------------------------------------------------------------------------------

    [Fact]
    public void Every_value_kind_is_parsed()
    {
        var list = Assert.IsType<ListValueNode>(Parser.ParseValue("[1, -2.5e3, \"s\", \"\"\"b\"\"\", true, false, null, ENUM, $v, [], {}, {a: {b: [1]}}]"));
        Assert.Equal("1", Assert.IsType<IntValueNode>(list.Values[0]).Value);
        Assert.Equal("-2.5e3", Assert.IsType<FloatValueNode>(list.Values[1]).Value);
        var s = Assert.IsType<StringValueNode>(list.Values[2]);
        Assert.False(s.Block);
        Assert.Equal("s", s.Value);
        Assert.True(Assert.IsType<StringValueNode>(list.Values[3]).Block);
        Assert.True(Assert.IsType<BooleanValueNode>(list.Values[4]).Value);
        Assert.False(Assert.IsType<BooleanValueNode>(list.Values[5]).Value);
        Assert.IsType<NullValueNode>(list.Values[6]);
        Assert.Equal("ENUM", Assert.IsType<EnumValueNode>(list.Values[7]).Value);
        Assert.Equal("v", Assert.IsType<VariableNode>(list.Values[8]).Name.Value);
        Assert.Empty(Assert.IsType<ListValueNode>(list.Values[9]).Values);
        Assert.Empty(Assert.IsType<ObjectValueNode>(list.Values[10]).Fields);
        var nested = Assert.IsType<ObjectValueNode>(list.Values[11]);
        Assert.Equal("a", nested.Fields[0].Name.Value);
    }

    [Fact]
    public void Large_integers_keep_their_lexical_text()
    {
        Assert.Equal("123456789012345678901234567890", Assert.IsType<IntValueNode>(Parser.ParseValue("123456789012345678901234567890")).Value);
    }

    [Fact]
    public void ParseConstValue_accepts_constants()
    {
        var obj = Assert.IsType<ObjectValueNode>(Parser.ParseConstValue("{a: [1, 2], b: \"x\"}"));
        Assert.Equal(2, obj.Fields.Count);
    }

    [Theory]
    [InlineData("$v", 1, 1)]
    [InlineData("[1, $v]", 1, 5)]
    [InlineData("{a: {b: $v}}", 1, 9)]
    public void ParseConstValue_rejects_variables_with_their_location(string source, int line, int column)
    {
        var ex = SyntaxError(() => Parser.ParseConstValue(source));
        Assert.Equal("Syntax Error: Unexpected variable \"$v\" in constant value.", ex.Message);
        Assert.Equal(new SourceLocation(line, column), ex.Location);
    }

    [Theory]
    [InlineData("query ($a: Int = $b) { f }", "b", 1, 18)]
    [InlineData("query ($a: Int @d(x: $b)) { f }", "b", 1, 22)]
    [InlineData("type T @d(x: $v)", "v", 1, 14)]
    [InlineData("type T { f(a: Int = [$v]): Int }", "v", 1, 22)]
    [InlineData("type T { f: Int @d(a: {b: $v}) }", "v", 1, 27)]
    [InlineData("schema @d(a: $v) { query: Q }", "v", 1, 14)]
    [InlineData("enum E { A @d(a: $v) }", "v", 1, 18)]
    [InlineData("input I { a: Int = $v }", "v", 1, 20)]
    [InlineData("directive @d(a: Int = $v) on FIELD", "v", 1, 23)]
    public void Const_contexts_reject_variables(string source, string variable, int line, int column)
    {
        AssertError(source, "Unexpected variable \"$" + variable + "\" in constant value.", line, column);
    }

    [Fact]
    public void Dollar_without_name_in_const_context_is_unexpected()
    {
        AssertError("query ($a: Int = $) { f }", "Unexpected \"$\".", 1, 18);
    }

    [Fact]
    public void Variables_are_allowed_in_operation_directives_and_field_arguments()
    {
        var op = (OperationDefinitionNode)Parser.Parse("query Q($v: Int) @d(a: $v) { f(a: {b: [$v]}) @e(x: $v) }").Definitions[0];
        Assert.IsType<VariableNode>(op.Directives[0].Arguments[0].Value);
    }

    [Fact]
    public void ParseValue_requires_the_end_of_the_source()
    {
        var ex = SyntaxError(() => Parser.ParseValue("1 2"));
        Assert.Equal("Syntax Error: Expected <EOF>, found Int \"2\".", ex.Message);
    }

    [Theory]
    [InlineData("String", "String")]
    [InlineData("String!", "String!")]
    [InlineData("[String]", "[String]")]
    [InlineData("[[String!]!]!", "[[String!]!]!")]
    public void ParseType_reads_named_list_and_non_null_types(string source, string printed)
    {
        Assert.Equal(printed, Printer.Print(Parser.ParseType(source)));
    }

    [Theory]
    [InlineData("String!!", "Expected <EOF>, found \"!\".", 1, 8)]
    [InlineData("[String", "Expected \"]\", found <EOF>.", 1, 8)]
    [InlineData("!", "Expected Name, found \"!\".", 1, 1)]
    [InlineData("", "Expected Name, found <EOF>.", 1, 1)]
    public void ParseType_reports_malformed_types(string source, string message, int line, int column)
    {
        var ex = SyntaxError(() => Parser.ParseType(source));
        Assert.Equal("Syntax Error: " + message, ex.Message);
        Assert.Equal(new SourceLocation(line, column), ex.Location);
    }

    // ---- Type system documents ----------------------------------------------------------------------------

    [Fact]
    public void Schema_definition_carries_description_directives_and_root_types()
    {
        var schema = Assert.IsType<SchemaDefinitionNode>(Parser.Parse("\"d\" schema @a { query: Q mutation: M subscription: S }").Definitions[0]);
        Assert.Equal("d", schema.Description!.Value);
        Assert.Single(schema.Directives);
        Assert.Equal([OperationType.Query, OperationType.Mutation, OperationType.Subscription], schema.OperationTypes.Select(o => o.Operation));
        Assert.Equal("M", schema.OperationTypes[1].Type.Name.Value);
    }

    [Fact]
    public void Object_type_definition_carries_interfaces_fields_arguments_and_defaults()
    {
        var type = Assert.IsType<ObjectTypeDefinitionNode>(Parser.Parse(
            "\"\"\"Doc\"\"\" type T implements & A & B @d { \"f doc\" f(\"arg doc\" a: Int = 1 @x, b: [S!]): String! @y }").Definitions[0]);
        Assert.False(type.IsExtension);
        Assert.Equal(SyntaxKind.ObjectTypeDefinition, type.Kind);
        Assert.Equal("Doc", type.Description!.Value);
        Assert.Equal(["A", "B"], type.Interfaces.Select(i => i.Name.Value));
        var field = Assert.Single(type.Fields);
        Assert.Equal("f doc", field.Description!.Value);
        Assert.Equal("arg doc", field.Arguments[0].Description!.Value);
        Assert.Equal("1", ((IntValueNode)field.Arguments[0].DefaultValue!).Value);
        Assert.Single(field.Arguments[0].Directives);
        Assert.IsType<NonNullTypeNode>(field.Type);
        Assert.Single(field.Directives);
    }

    [Fact]
    public void Type_without_braces_has_no_fields_but_empty_braces_are_an_error()
    {
        Assert.Empty(((ObjectTypeDefinitionNode)Parser.Parse("type A").Definitions[0]).Fields);
        Assert.Empty(((InterfaceTypeDefinitionNode)Parser.Parse("interface I").Definitions[0]).Fields);
        Assert.Empty(((EnumTypeDefinitionNode)Parser.Parse("enum E").Definitions[0]).Values);
        Assert.Empty(((InputObjectTypeDefinitionNode)Parser.Parse("input I").Definitions[0]).Fields);
        Assert.Empty(((UnionTypeDefinitionNode)Parser.Parse("union U").Definitions[0]).Types);
        AssertError("type A {}", "Expected Name, found \"}\".", 1, 9);
        AssertError("interface I {}", "Expected Name, found \"}\".", 1, 14);
        AssertError("enum E {}", "Expected Name, found \"}\".", 1, 9);
        AssertError("input I {}", "Expected Name, found \"}\".", 1, 10);
        AssertError("type A { f(): Int }", "Expected Name, found \")\".", 1, 12);
    }

    [Fact]
    public void Interfaces_can_implement_interfaces()
    {
        var i = Assert.IsType<InterfaceTypeDefinitionNode>(Parser.Parse("interface I implements J & K { a: Int }").Definitions[0]);
        Assert.Equal(["J", "K"], i.Interfaces.Select(x => x.Name.Value));
    }

    [Fact]
    public void Union_members_accept_an_optional_leading_pipe()
    {
        var u = Assert.IsType<UnionTypeDefinitionNode>(Parser.Parse("union U @d = | A | B").Definitions[0]);
        Assert.Equal(["A", "B"], u.Types.Select(x => x.Name.Value));
        AssertError("union U = || A", "Expected Name, found \"|\".", 1, 12);
        AssertError("union U = A |", "Expected Name, found <EOF>.", 1, 14);
    }

    [Fact]
    public void Enum_values_cannot_be_true_false_or_null()
    {
        var e = Assert.IsType<EnumTypeDefinitionNode>(Parser.Parse("enum E { \"a\" A @d B }").Definitions[0]);
        Assert.Equal(["A", "B"], e.Values.Select(v => v.Name.Value));
        Assert.Equal("a", e.Values[0].Description!.Value);
        AssertError("enum E { true }", "Name \"true\" is reserved and cannot be used for an enum value.", 1, 10);
        AssertError("enum E { A false }", "Name \"false\" is reserved and cannot be used for an enum value.", 1, 12);
        AssertError("enum E { null }", "Name \"null\" is reserved and cannot be used for an enum value.", 1, 10);
    }

    [Fact]
    public void Scalar_and_input_definitions_are_parsed()
    {
        var doc = Parser.Parse("scalar S @d input I { a: Int = 1, b: [I!] @x }");
        Assert.Equal("S", Assert.IsType<ScalarTypeDefinitionNode>(doc.Definitions[0]).Name.Value);
        var input = Assert.IsType<InputObjectTypeDefinitionNode>(doc.Definitions[1]);
        Assert.Equal(["a", "b"], input.Fields.Select(f => f.Name.Value));
    }

    [Fact]
    public void Directive_definitions_carry_arguments_repeatable_and_validated_locations()
    {
        var d = Assert.IsType<DirectiveDefinitionNode>(Parser.Parse("directive @d(a: Int = 1) repeatable on | FIELD | OBJECT").Definitions[0]);
        Assert.True(d.Repeatable);
        Assert.Equal(["FIELD", "OBJECT"], d.Locations.Select(l => l.Value));
        Assert.False(((DirectiveDefinitionNode)Parser.Parse("directive @d on QUERY").Definitions[0]).Repeatable);
        AssertError("directive @d on FIELD | NOWHERE", "Unexpected Name \"NOWHERE\".", 1, 25);
        AssertError("directive @d on field", "Unexpected Name \"field\".", 1, 17);
        AssertError("directive @d", "Expected \"on\", found <EOF>.", 1, 13);
        AssertError("directive d on FIELD", "Expected \"@\", found Name \"d\".", 1, 11);
    }

    [Theory]
    [InlineData("QUERY")]
    [InlineData("MUTATION")]
    [InlineData("SUBSCRIPTION")]
    [InlineData("FIELD")]
    [InlineData("FRAGMENT_DEFINITION")]
    [InlineData("FRAGMENT_SPREAD")]
    [InlineData("INLINE_FRAGMENT")]
    [InlineData("VARIABLE_DEFINITION")]
    [InlineData("SCHEMA")]
    [InlineData("SCALAR")]
    [InlineData("OBJECT")]
    [InlineData("FIELD_DEFINITION")]
    [InlineData("ARGUMENT_DEFINITION")]
    [InlineData("INTERFACE")]
    [InlineData("UNION")]
    [InlineData("ENUM")]
    [InlineData("ENUM_VALUE")]
    [InlineData("INPUT_OBJECT")]
    [InlineData("INPUT_FIELD_DEFINITION")]
    public void Every_directive_location_name_is_accepted(string location)
    {
        var d = (DirectiveDefinitionNode)Parser.Parse("directive @d on " + location).Definitions[0];
        Assert.Equal(location, d.Locations[0].Value);
    }

    [Fact]
    public void Extensions_set_the_extension_flag_and_their_kind()
    {
        var doc = Parser.Parse("""
            extend schema @a
            extend scalar S @a
            extend type T implements I
            extend interface I @a
            extend union U = A
            extend enum E { X }
            extend input In { a: Int }
            """);
        Assert.IsType<SchemaExtensionNode>(doc.Definitions[0]);
        Assert.Equal(
            [SyntaxKind.SchemaExtension, SyntaxKind.ScalarTypeExtension, SyntaxKind.ObjectTypeExtension, SyntaxKind.InterfaceTypeExtension,
             SyntaxKind.UnionTypeExtension, SyntaxKind.EnumTypeExtension, SyntaxKind.InputObjectTypeExtension],
            doc.Definitions.Select(d => d.Kind));
        foreach (var d in doc.Definitions.Skip(1))
        {
            var t = Assert.IsAssignableFrom<TypeDefinitionOrExtensionNode>(d);
            Assert.True(t.IsExtension);
            Assert.Null(t.Description);
        }
    }

    [Theory]
    [InlineData("extend schema", "Unexpected <EOF>.", 1, 14)]
    [InlineData("extend scalar S", "Unexpected <EOF>.", 1, 16)]
    [InlineData("extend type T", "Unexpected <EOF>.", 1, 14)]
    [InlineData("extend interface I", "Unexpected <EOF>.", 1, 19)]
    [InlineData("extend union U", "Unexpected <EOF>.", 1, 15)]
    [InlineData("extend enum E", "Unexpected <EOF>.", 1, 14)]
    [InlineData("extend input I", "Unexpected <EOF>.", 1, 15)]
    [InlineData("extend type T {}", "Expected Name, found \"}\".", 1, 16)]
    [InlineData("extend directive @d", "Unexpected Name \"directive\".", 1, 8)]
    [InlineData("extend query", "Unexpected Name \"query\".", 1, 8)]
    [InlineData("extend", "Unexpected <EOF>.", 1, 7)]
    [InlineData("\"d\" extend type T @a", "Unexpected description, only GraphQL definitions support descriptions.", 1, 1)]
    public void Empty_or_malformed_extensions_are_errors(string source, string message, int line, int column)
    {
        AssertError(source, message, line, column);
    }

    // ---- Errors with locations ----------------------------------------------------------------------------

    [Theory]
    [InlineData("", "Unexpected <EOF>.", 1, 1)]
    [InlineData("{", "Expected Name, found <EOF>.", 1, 2)]
    [InlineData("{ }", "Expected Name, found \"}\".", 1, 3)]
    [InlineData("{ a", "Expected Name, found <EOF>.", 1, 4)]
    [InlineData("{ a() }", "Expected Name, found \")\".", 1, 5)]
    [InlineData("{ a(b) }", "Expected \":\", found \")\".", 1, 6)]
    [InlineData("{ a(b: ) }", "Unexpected \")\".", 1, 8)]
    [InlineData("{ a(b: [1, 2) }", "Unexpected \")\".", 1, 13)]
    [InlineData("{ a(b: {c 1}) }", "Expected \":\", found Int \"1\".", 1, 11)]
    [InlineData("{ a(b: \"s\" c: \"\"\"t\"\"\") @ }", "Expected Name, found \"}\".", 1, 26)]
    [InlineData("{ ... }", "Expected \"{\", found \"}\".", 1, 7)]
    [InlineData("{ ...on }", "Expected Name, found \"}\".", 1, 9)]
    [InlineData("fragment on on T { a }", "Unexpected Name \"on\".", 1, 10)]
    [InlineData("fragment F T { a }", "Expected \"on\", found Name \"T\".", 1, 12)]
    [InlineData("fragment F on T", "Expected \"{\", found <EOF>.", 1, 16)]
    [InlineData("query ($a) { a }", "Expected \":\", found \")\".", 1, 10)]
    [InlineData("query ($a: Int!!) { a }", "Expected \"$\", found \"!\".", 1, 16)]
    [InlineData("query () { a }", "Expected \"$\", found \")\".", 1, 8)]
    [InlineData("Query { a }", "Unexpected Name \"Query\".", 1, 1)]
    [InlineData("query Q", "Expected \"{\", found <EOF>.", 1, 8)]
    [InlineData("\"d\" { a }", "Unexpected description, descriptions are not supported on shorthand queries.", 1, 1)]
    [InlineData("\"d\" 1", "Unexpected Int \"1\".", 1, 5)]
    [InlineData("\"d\"", "Unexpected <EOF>.", 1, 4)]
    [InlineData("schema {}", "Expected Name, found \"}\".", 1, 9)]
    [InlineData("schema { foo: Q }", "Unexpected Name \"foo\".", 1, 10)]
    [InlineData("schema @d", "Expected \"{\", found <EOF>.", 1, 10)]
    [InlineData("type A implements", "Expected Name, found <EOF>.", 1, 18)]
    [InlineData("type A { a }", "Expected \":\", found \"}\".", 1, 12)]
    [InlineData("input I { a(b: C): D }", "Expected \":\", found \"(\".", 1, 12)]
    [InlineData("{ a }\n\n  ?", "Unexpected character: \"?\".", 3, 3)]
    [InlineData("{\r\n a\r\n b(c: \"\"\"\r\nx\r\n\"\"\")\r\n ?", "Unexpected character: \"?\".", 6, 2)]
    public void Syntax_errors_carry_graphql_js_messages_and_locations(string source, string message, int line, int column)
    {
        AssertError(source, message, line, column);
    }

    [Fact]
    public void Syntax_exception_exposes_a_graphql_error_with_code_and_location()
    {
        var ex = SyntaxError(() => Parser.Parse("{ a(b: 1a) }"));
        Assert.Equal(ErrorCodes.SyntaxError, ex.Error.Code);
        Assert.Equal("Syntax Error: Invalid number, expected digit but got: \"a\".", ex.Error.Message);
        Assert.Equal([new SourceLocation(1, 9)], ex.Error.Locations);
    }

    // ---- Locations, token count, options ------------------------------------------------------------------

    [Fact]
    public void Nodes_record_the_location_of_their_first_token_and_the_end_of_their_last()
    {
        const string source = "query Q {\n  alias: f(a: [1, 2]) {\n    g\n  }\n}";
        var doc = Parser.Parse(source);
        var op = (OperationDefinitionNode)doc.Definitions[0];
        Assert.Equal(new Location(0, source.Length, 1, 1), op.Location);
        Assert.Equal(new Location(0, source.Length, 1, 1), doc.Location);
        Assert.Equal(new Location(6, 7, 1, 7), op.Name!.Location);
        var field = (FieldNode)op.SelectionSet.Selections[0];
        Assert.Equal(2, field.Location!.Value.Line);
        Assert.Equal(3, field.Location.Value.Column);
        Assert.Equal("alias: f(a: [1, 2]) {\n    g\n  }", source[field.Location.Value.Start..field.Location.Value.End]);
        Assert.Equal(new Location(19, 20, 2, 10), field.Name.Location);
        var list = (ListValueNode)field.Arguments[0].Value;
        Assert.Equal("[1, 2]", source[list.Location!.Value.Start..list.Location.Value.End]);
        var g = (FieldNode)field.SelectionSet!.Selections[0];
        Assert.Equal(new Location(38, 39, 3, 5), g.Location);
    }

    [Fact]
    public void Document_location_spans_the_whole_source_including_trailing_comments()
    {
        const string source = "  { a } # trailing\n";
        Assert.Equal(new Location(0, source.Length, 1, 1), Parser.Parse(source).Location);
    }

    [Fact]
    public void Locations_are_recorded_for_literals_types_and_directives()
    {
        const string source = "query ($v: [Int]! = 1 @d) { f(a: true, b: null, c: E, d: \"s\", e: 1.5) }";
        var op = (OperationDefinitionNode)Parser.Parse(source).Definitions[0];
        var v = op.VariableDefinitions[0];
        Assert.Equal("[Int]!", source[v.Type.Location!.Value.Start..v.Type.Location.Value.End]);
        Assert.Equal("@d", source[v.Directives[0].Location!.Value.Start..v.Directives[0].Location!.Value.End]);
        var args = ((FieldNode)op.SelectionSet.Selections[0]).Arguments;
        foreach (var a in args)
        {
            Assert.NotNull(a.Value.Location);
            Assert.NotNull(a.Location);
        }
        Assert.Equal("true", source[args[0].Value.Location!.Value.Start..args[0].Value.Location!.Value.End]);
    }

    [Fact]
    public void No_locations_option_leaves_every_node_without_location()
    {
        var doc = Parser.Parse("{ f(a: true, b: null) { g } }", new ParserOptions { NoLocations = true });
        var op = (OperationDefinitionNode)doc.Definitions[0];
        var f = (FieldNode)op.SelectionSet.Selections[0];
        Assert.Null(op.Location);
        Assert.Null(f.Location);
        Assert.Null(f.Name.Location);
        Assert.Same(BooleanValueNode.True, f.Arguments[0].Value);
        Assert.Same(NullValueNode.Instance, f.Arguments[1].Value);
    }

    [Fact]
    public void Token_count_excludes_comments_and_the_end_of_file()
    {
        var doc = Parser.Parse("# comment\nquery Q($a: Int) { f(x: $a) } # trailing");
        // query Q ( $ a : Int ) { f ( x : $ a ) }
        Assert.Equal(17, doc.TokenCount);
    }

    [Fact]
    public void Names_with_the_same_text_share_one_string()
    {
        var doc = Parser.Parse("{ sharedName sharedName }");
        var selections = ((OperationDefinitionNode)doc.Definitions[0]).SelectionSet.Selections;
        Assert.Same(((FieldNode)selections[0]).Name.Value, ((FieldNode)selections[1]).Name.Value);
    }

    [Fact]
    public void Parse_accepts_a_span_slice()
    {
        var buffer = "xx{ a }yy".ToCharArray();
        var doc = Parser.Parse(buffer.AsSpan(2, 5));
        Assert.Equal("{\n  a\n}", Printer.Print(doc));
    }

    [Fact]
    public void Parsing_is_safe_on_many_threads_at_once()
    {
        var sources = Enumerable.Range(0, 64).Select(i => $"{{ field{i % 7}(arg: {i}) {{ nested{i % 5} }} }}").ToArray();
        Parallel.For(0, 2000, i =>
        {
            var src = sources[i % sources.Length];
            var printed = Printer.Print(Parser.Parse(src));
            Assert.Equal(Printer.Print(Parser.Parse(printed)), printed);
            Assert.Contains("field" + (i % sources.Length % 7), printed, StringComparison.Ordinal);
        });
    }
}
