using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class FragmentsOnCompositeTypesRuleTests
{
    [Fact]
    public void Object_interface_union_and_untyped_conditions_are_valid() =>
        ExpectValid(new FragmentsOnCompositeTypesRule(), """
            fragment A on Dog { barks }
            fragment B on Pet { name }
            fragment C on CatOrDog { ... on Dog { name } ... { __typename } }
            """);

    [Fact]
    public void Scalar_condition_on_fragment_definition_is_reported_at_the_type() =>
        ExpectErrors(new FragmentsOnCompositeTypesRule(), """
            fragment scalarFragment on Boolean { bad }
            """,
            new Expected("Fragment \"scalarFragment\" cannot condition on non composite type \"Boolean\".", (1, 28)));

    [Fact]
    public void Input_type_condition_on_inline_fragment_is_reported() =>
        ExpectErrors(new FragmentsOnCompositeTypesRule(), """
            fragment F on Pet { ... on ComplexInput { name } }
            """,
            new Expected("Fragment cannot condition on non composite type \"ComplexInput\".", (1, 28)));
}

public class KnownTypeNamesRuleTests
{
    [Fact]
    public void Known_types_in_variables_and_conditions_are_valid() =>
        ExpectValid(new KnownTypeNamesRule(), """
            query Q($a: [String!], $b: ComplexInput) { pet { ... on Dog { name } ...F } }
            fragment F on Pet { name }
            """);

    [Fact]
    public void Unknown_types_are_reported_with_suggestions() =>
        ExpectErrors(new KnownTypeNamesRule(), """
            query Q($a: [Strin!]) { pet { ... on Badger { name } ...F } }
            fragment F on Mammel { name }
            """,
            new Expected("Unknown type \"Strin\". Did you mean \"String\"?", (1, 14)),
            new Expected("Unknown type \"Badger\".", (1, 38)),
            new Expected("Unknown type \"Mammel\". Did you mean \"Mammal\"?", (2, 15)));
}

public class KnownFragmentNamesRuleTests
{
    [Fact]
    public void Defined_fragments_are_valid() =>
        ExpectValid(new KnownFragmentNamesRule(), """
            { dog { ...F } }
            fragment F on Dog { name }
            """);

    [Fact]
    public void Unknown_fragment_is_reported_at_its_name() =>
        ExpectErrors(new KnownFragmentNamesRule(), """
            { dog { ...Missing } }
            """,
            new Expected("Unknown fragment \"Missing\".", (1, 12)));
}

public class UniqueFragmentNamesRuleTests
{
    [Fact]
    public void Distinct_fragment_names_are_valid() =>
        ExpectValid(new UniqueFragmentNamesRule(), """
            { dog { ...A ...B } }
            fragment A on Dog { name }
            fragment B on Dog { name }
            """);

    [Fact]
    public void Duplicate_fragment_name_is_reported_at_both_names() =>
        ExpectErrors(new UniqueFragmentNamesRule(), """
            { dog { ...A } }
            fragment A on Dog { name }
            fragment A on Dog { barks }
            """,
            new Expected("There can be only one fragment named \"A\".", (2, 10), (3, 10)));
}

public class NoUnusedFragmentsRuleTests
{
    [Fact]
    public void Fragments_used_directly_or_transitively_are_valid() =>
        ExpectValid(new NoUnusedFragmentsRule(), """
            { dog { ...A } }
            fragment A on Dog { ...B }
            fragment B on Dog { name }
            """);

    [Fact]
    public void Fragments_only_used_by_unused_fragments_are_reported() =>
        ExpectErrors(new NoUnusedFragmentsRule(), """
            { dog { ...A } }
            fragment A on Dog { name }
            fragment Unused1 on Dog { ...Unused2 }
            fragment Unused2 on Dog { name }
            """,
            new Expected("Fragment \"Unused1\" is never used.", (3, 1)),
            new Expected("Fragment \"Unused2\" is never used.", (4, 1)));
}

public class PossibleFragmentSpreadsRuleTests
{
    [Fact]
    public void Overlapping_types_are_valid() =>
        ExpectValid(new PossibleFragmentSpreadsRule(), """
            fragment A on Dog { ... on Pet { name } ...C }
            fragment B on Pet { ... on Dog { name } ... on CatOrDog { __typename } }
            fragment C on CatOrDog { ... on Canine { name } }
            fragment D on Being { ... on Intelligent { iq } }
            """);

    [Fact]
    public void Disjoint_object_types_are_reported() =>
        ExpectErrors(new PossibleFragmentSpreadsRule(), """
            fragment A on Dog { ... on Cat { meows } }
            fragment B on Dog { ...C }
            fragment C on Cat { meows }
            """,
            new Expected("Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\".", (1, 21)),
            new Expected("Fragment \"C\" cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\".", (2, 21)));

    [Fact]
    public void Disjoint_abstract_types_are_reported() =>
        ExpectErrors(new PossibleFragmentSpreadsRule(), """
            fragment A on Pet { ... on HumanOrAlien { __typename } }
            """,
            new Expected("Fragment cannot be spread here as objects of type \"Pet\" can never be of type \"HumanOrAlien\".", (1, 21)));
}

public class NoFragmentCyclesRuleTests
{
    [Fact]
    public void Repeated_and_nested_spreads_without_cycles_are_valid() =>
        ExpectValid(new NoFragmentCyclesRule(), """
            fragment A on Dog { ...B ...B mother { ...B } }
            fragment B on Dog { name ...C }
            fragment C on Dog { barks }
            """);

    [Fact]
    public void Direct_self_spread_is_reported() =>
        ExpectErrors(new NoFragmentCyclesRule(), """
            fragment A on Dog { mother { ...A } }
            """,
            new Expected("Cannot spread fragment \"A\" within itself.", (1, 30)));

    [Fact]
    public void Indirect_cycle_is_reported_once_with_its_path() =>
        ExpectErrors(new NoFragmentCyclesRule(), """
            fragment A on Dog { ...B }
            fragment B on Dog { ...C }
            fragment C on Dog { ...A }
            """,
            new Expected("Cannot spread fragment \"A\" within itself via \"B\", \"C\".", (1, 21), (2, 21), (3, 21)));

    [Fact]
    public void Cycles_not_through_the_first_fragment_are_found() =>
        ExpectErrors(new NoFragmentCyclesRule(), """
            fragment A on Dog { ...B }
            fragment B on Dog { ...C }
            fragment C on Dog { ...B }
            """,
            new Expected("Cannot spread fragment \"B\" within itself via \"C\".", (2, 21), (3, 21)));
}
