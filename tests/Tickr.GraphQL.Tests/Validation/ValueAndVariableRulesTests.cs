using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class ValuesOfCorrectTypeRuleTests
{
    [Fact]
    public void Well_typed_literals_are_valid() =>
        ExpectValid(new ValuesOfCorrectTypeRule(), """
            {
              complicatedArgs {
                intArgField(intArg: 2)
                floatArgField(floatArg: 1)
                idArgField(idArg: 1)
                enumArgField(enumArg: BROWN)
                stringListArgField(stringListArg: "single item is coerced to a list")
                stringListNonNullArgField(stringListNonNullArg: ["a", "b"])
                complexArgField(complexArg: { requiredField: true, stringListField: ["x", null] })
                oneOfArgField(oneOfArg: { intField: 3 })
                nullArg: intArgField(intArg: null)
              }
            }
            """);

    [Fact]
    public void Wrong_scalar_literals_are_reported_in_graphql_js_wording() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            {
              complicatedArgs {
                intArgField(intArg: "3")
                big: intArgField(intArg: 2147483648)
                stringArgField(stringArg: 1)
                booleanArgField(booleanArg: 0)
                floatArgField(floatArg: true)
                idArgField(idArg: 1.5)
              }
            }
            """,
            new Expected("Int cannot represent non-integer value: \"3\"", (3, 25)),
            new Expected("Int cannot represent non 32-bit signed integer value: 2147483648", (4, 30)),
            new Expected("String cannot represent a non string value: 1", (5, 31)),
            new Expected("Boolean cannot represent a non boolean value: 0", (6, 33)),
            new Expected("Float cannot represent non numeric value: true", (7, 29)),
            new Expected("ID cannot represent a non-string and non-integer value: 1.5", (8, 23)));

    [Fact]
    public void Wrong_enum_values_are_reported_with_suggestions() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            {
              dog {
                a: doesKnowCommand(dogCommand: sit)
                b: doesKnowCommand(dogCommand: "SIT")
                c: doesKnowCommand(dogCommand: JUMP)
              }
            }
            """,
            new Expected("Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"?", (3, 36)),
            new Expected("Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"?", (4, 36)),
            new Expected("Value \"JUMP\" does not exist in \"DogCommand\" enum.", (5, 36)));

    [Fact]
    public void Null_for_non_null_and_lists_for_scalars_are_reported_once() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            {
              complicatedArgs {
                nonNullIntArgField(nonNullIntArg: null)
                intArgField(intArg: [1, "two"])
                stringListNonNullArgField(stringListNonNullArg: ["a", null])
              }
            }
            """,
            new Expected("Expected value of non-null type \"Int!\", found null.", (3, 39)),
            new Expected("Int cannot represent non-integer value: [1, \"two\"]", (4, 25)),
            new Expected("Expected value of non-null type \"String!\", found null.", (5, 59)));

    [Fact]
    public void Input_objects_report_missing_required_and_unknown_fields() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            {
              complicatedArgs {
                complexArgField(complexArg: { intField: 4, unknownField: 1, stringFeld: "x" })
              }
            }
            """,
            new Expected("Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not provided.", (3, 33)),
            new Expected("Field \"unknownField\" is not defined by type \"ComplexInput\".", (3, 48)),
            new Expected("Field \"stringFeld\" is not defined by type \"ComplexInput\". Did you mean \"stringField\", \"intField\", or \"stringListField\"?", (3, 65)));

    [Fact]
    public void Object_literal_for_a_scalar_is_reported() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            { complicatedArgs { stringArgField(stringArg: { a: 1 }) } }
            """,
            new Expected("String cannot represent a non string value: {a: 1}", (1, 47)));

    [Fact]
    public void OneOf_input_needs_exactly_one_non_null_field() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            {
              complicatedArgs {
                a: oneOfArgField(oneOfArg: { intField: 1, stringField: "x" })
                b: oneOfArgField(oneOfArg: {})
                c: oneOfArgField(oneOfArg: { stringField: null })
              }
            }
            """,
            new Expected("OneOf Input Object \"OneOfInput\" must specify exactly one key.", (3, 32)),
            new Expected("OneOf Input Object \"OneOfInput\" must specify exactly one key.", (4, 32)),
            new Expected("Field \"OneOfInput.stringField\" must be non-null.", (5, 32)));

    [Fact]
    public void Variable_default_values_are_checked_against_the_variable_type() =>
        ExpectErrors(new ValuesOfCorrectTypeRule(), """
            query Q($a: Int = "one", $b: ComplexInput = { requiredField: true }, $c: [String] = ["ok"]) { dog { name } }
            """,
            new Expected("Int cannot represent non-integer value: \"one\"", (1, 19)));
}

public class UniqueInputFieldNamesRuleTests
{
    [Fact]
    public void Distinct_and_nested_same_names_are_valid() =>
        ExpectValid(new UniqueInputFieldNamesRule(), """
            { complicatedArgs { complexArgField(complexArg: { intField: 1, stringField: "a" }) } }
            """);

    [Fact]
    public void Duplicate_input_field_is_reported_against_the_first() =>
        ExpectErrors(new UniqueInputFieldNamesRule(), """
            { f(arg: { a: 1, b: 2, a: 3, a: 4 }) }
            """,
            new Expected("There can be only one input field named \"a\".", (1, 12), (1, 24)),
            new Expected("There can be only one input field named \"a\".", (1, 12), (1, 30)));
}

public class VariablesAreInputTypesRuleTests
{
    [Fact]
    public void Input_types_are_valid() =>
        ExpectValid(new VariablesAreInputTypesRule(), """
            query Q($a: String, $b: [Boolean!]!, $c: ComplexInput, $d: FurColor) { dog { name } }
            """);

    [Fact]
    public void Output_types_are_reported_at_the_type() =>
        ExpectErrors(new VariablesAreInputTypesRule(), """
            query Q($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { dog { name } }
            """,
            new Expected("Variable \"$a\" cannot be non-input type \"Dog\".", (1, 13)),
            new Expected("Variable \"$b\" cannot be non-input type \"[[CatOrDog!]]!\".", (1, 22)),
            new Expected("Variable \"$c\" cannot be non-input type \"Pet\".", (1, 42)));
}

public class UniqueVariableNamesRuleTests
{
    [Fact]
    public void Distinct_variables_are_valid() =>
        ExpectValid(new UniqueVariableNamesRule(), """
            query A($x: Int, $y: String) { dog { name } }
            query B($x: String, $y: Int) { dog { name } }
            """);

    [Fact]
    public void Duplicate_variables_are_reported_once_per_name() =>
        ExpectErrors(new UniqueVariableNamesRule(), """
            query A($x: Int, $x: Boolean, $x: String, $y: Int, $y: Int) { dog { name } }
            """,
            new Expected("There can be only one variable named \"$x\".", (1, 10), (1, 19), (1, 32)),
            new Expected("There can be only one variable named \"$y\".", (1, 44), (1, 53)));
}

public class NoUndefinedVariablesRuleTests
{
    [Fact]
    public void Variables_defined_by_every_operation_using_them_are_valid() =>
        ExpectValid(new NoUndefinedVariablesRule(), """
            query A($a: Boolean) { dog { ...F } }
            query B($a: Boolean) { dog { ...F } }
            fragment F on Dog { name @include(if: $a) }
            """);

    [Fact]
    public void Variables_undefined_in_an_operation_or_its_fragments_are_reported_per_operation() =>
        ExpectErrors(new NoUndefinedVariablesRule(), """
            query A { dog { name @skip(if: $b) ...F } }
            query { dog { ...F } }
            fragment F on Dog { barks @include(if: $a) }
            """,
            new Expected("Variable \"$b\" is not defined by operation \"A\".", (1, 32), (1, 1)),
            new Expected("Variable \"$a\" is not defined by operation \"A\".", (3, 40), (1, 1)),
            new Expected("Variable \"$a\" is not defined.", (3, 40), (2, 1)));
}

public class NoUnusedVariablesRuleTests
{
    [Fact]
    public void Variables_used_through_fragments_are_valid() =>
        ExpectValid(new NoUnusedVariablesRule(), """
            query A($a: Boolean, $b: Int) { dog { ...F isAtLocation(x: $b) } }
            fragment F on Dog { ...G }
            fragment G on Dog { name @include(if: $a) }
            """);

    [Fact]
    public void Unused_variables_are_reported_at_their_definitions() =>
        ExpectErrors(new NoUnusedVariablesRule(), """
            query A($a: Boolean, $b: Int) { dog { name } }
            query ($c: Int) { dog { ...Unused } }
            fragment Unused on Dog { name }
            """,
            new Expected("Variable \"$a\" is never used in operation \"A\".", (1, 9)),
            new Expected("Variable \"$b\" is never used in operation \"A\".", (1, 22)),
            new Expected("Variable \"$c\" is never used.", (2, 8)));
}

public class VariablesInAllowedPositionRuleTests
{
    [Fact]
    public void Compatible_variables_are_valid() =>
        ExpectValid(new VariablesInAllowedPositionRule(), """
            query Q($nonNull: Int!, $nullableWithDefault: Int = 1, $list: [String!]!, $bool: Boolean, $oneOf: Int!) {
              complicatedArgs {
                nonNullIntArgField(nonNullIntArg: $nonNull)
                a: nonNullIntArgField(nonNullIntArg: $nullableWithDefault)
                intArgField(intArg: $nonNull)
                stringListArgField(stringListArg: $list)
                nonNullFieldWithDefault(arg: $nullableWithDefault)
                oneOfArgField(oneOfArg: { intField: $oneOf })
              }
              dog { isHouseTrained(atOtherHomes: $bool) }
            }
            """);

    [Fact]
    public void Nullable_variable_in_non_null_position_is_reported_at_definition_and_use() =>
        ExpectErrors(new VariablesInAllowedPositionRule(), """
            query Q($intArg: Int, $nullDefault: Int = null) {
              complicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) ...F }
            }
            fragment F on ComplicatedArgs { nonNullIntArgField(nonNullIntArg: $nullDefault) }
            """,
            new Expected("Variable \"$intArg\" of type \"Int\" used in position expecting type \"Int!\".", (1, 9), (2, 55)),
            new Expected("Variable \"$nullDefault\" of type \"Int\" used in position expecting type \"Int!\".", (1, 23), (4, 67)));

    [Fact]
    public void Wrong_item_and_list_shapes_are_reported() =>
        ExpectErrors(new VariablesInAllowedPositionRule(), """
            query Q($s: String, $l: [String]) {
              complicatedArgs { stringListNonNullArgField(stringListNonNullArg: $l) intArgField(intArg: $s) }
            }
            """,
            new Expected("Variable \"$l\" of type \"[String]\" used in position expecting type \"[String!]\".", (1, 21), (2, 69)),
            new Expected("Variable \"$s\" of type \"String\" used in position expecting type \"Int\".", (1, 9), (2, 93)));

    [Fact]
    public void Nullable_variable_for_a_oneOf_field_is_reported() =>
        ExpectErrors(new VariablesInAllowedPositionRule(), """
            query Q($s: String) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }
            """,
            new Expected("Variable \"$s\" is of type \"String\" but must be non-nullable to be used for OneOf Input Object \"OneOfInput\".", (1, 9), (1, 80)));
}
