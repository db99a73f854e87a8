using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class KnownArgumentNamesRuleTests
{
    [Fact]
    public void Known_field_and_directive_arguments_are_valid() =>
        ExpectValid(new KnownArgumentNamesRule(), """
            { dog { doesKnowCommand(dogCommand: SIT) name @include(if: true) @withRequired(arg: 1) } }
            """);

    [Fact]
    public void Unknown_field_argument_is_reported_with_a_suggestion() =>
        ExpectErrors(new KnownArgumentNamesRule(), """
            { dog { doesKnowCommand(DogCommand: SIT) } }
            """,
            new Expected("Unknown argument \"DogCommand\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"?", (1, 25)));

    [Fact]
    public void Unknown_directive_argument_is_reported_as_on_the_directive() =>
        ExpectErrors(new KnownArgumentNamesRule(), """
            { dog { name @skip(iff: true) } }
            """,
            new Expected("Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?", (1, 20)));

    [Fact]
    public void Arguments_of_unknown_directives_and_fields_are_left_to_other_rules() =>
        ExpectValid(new KnownArgumentNamesRule(), """
            { dog { name @unknown(x: 1) unknownField(y: 2) } }
            """);
}

public class UniqueArgumentNamesRuleTests
{
    [Fact]
    public void Distinct_arguments_are_valid() =>
        ExpectValid(new UniqueArgumentNamesRule(), """
            { dog { isAtLocation(x: 1, y: 2) @withRequired(arg: 1, opt: "a") } }
            """);

    [Fact]
    public void Repeated_argument_is_reported_once_with_every_occurrence() =>
        ExpectErrors(new UniqueArgumentNamesRule(), """
            { dog { isAtLocation(x: 1, x: 2, x: 3) name @withRequired(arg: 1, arg: 2) } }
            """,
            new Expected("There can be only one argument named \"x\".", (1, 22), (1, 28), (1, 34)),
            new Expected("There can be only one argument named \"arg\".", (1, 59), (1, 67)));
}

public class ProvidedRequiredArgumentsRuleTests
{
    [Fact]
    public void Given_required_arguments_and_defaulted_non_null_arguments_are_valid() =>
        ExpectValid(new ProvidedRequiredArgumentsRule(), """
            { complicatedArgs { multipleReqs(req1: 1, req2: 2) nonNullFieldWithDefault multipleOpts } dog { name @withRequired(arg: 1) } }
            """);

    [Fact]
    public void Missing_field_arguments_are_reported_at_the_field() =>
        ExpectErrors(new ProvidedRequiredArgumentsRule(), """
            { complicatedArgs { multipleReqs(req2: 2) } }
            """,
            new Expected("Field \"multipleReqs\" argument \"req1\" of type \"Int!\" is required, but it was not provided.", (1, 21)));

    [Fact]
    public void Missing_directive_arguments_are_reported_at_the_directive() =>
        ExpectErrors(new ProvidedRequiredArgumentsRule(), """
            { dog { name @include @withRequired(opt: "x") } }
            """,
            new Expected("Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", (1, 14)),
            new Expected("Directive \"@withRequired\" argument \"arg\" of type \"Int!\" is required, but it was not provided.", (1, 23)));
}

public class KnownDirectivesRuleTests
{
    [Fact]
    public void Directives_in_declared_locations_are_valid() =>
        ExpectValid(new KnownDirectivesRule(), """
            query Q($v: Int @onVariableDefinition) @onQuery { dog @onField { ...F @onFragmentSpread ... @onInlineFragment { name } } }
            fragment F on Dog { name }
            """);

    [Fact]
    public void Unknown_directive_is_reported() =>
        ExpectErrors(new KnownDirectivesRule(), """
            { dog @unknown(directive: "value") { name } }
            """,
            new Expected("Unknown directive \"@unknown\".", (1, 7)));

    [Fact]
    public void Directive_in_wrong_location_is_reported_with_the_location() =>
        ExpectErrors(new KnownDirectivesRule(), """
            query Q @onField { dog @onQuery { name } }
            """,
            new Expected("Directive \"@onField\" may not be used on QUERY.", (1, 9)),
            new Expected("Directive \"@onQuery\" may not be used on FIELD.", (1, 24)));
}

public class UniqueDirectivesPerLocationRuleTests
{
    [Fact]
    public void Distinct_and_repeatable_directives_are_valid() =>
        ExpectValid(new UniqueDirectivesPerLocationRule(), """
            { dog @onField @repeatable @repeatable { name @onField } }
            """);

    [Fact]
    public void Repeated_non_repeatable_directive_is_reported_at_both() =>
        ExpectErrors(new UniqueDirectivesPerLocationRule(), """
            { dog @onField @onField @onField { name } }
            """,
            new Expected("The directive \"@onField\" can only be used once at this location.", (1, 7), (1, 16)),
            new Expected("The directive \"@onField\" can only be used once at this location.", (1, 7), (1, 25)));
}
