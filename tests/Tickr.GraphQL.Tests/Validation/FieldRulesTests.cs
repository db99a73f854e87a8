using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class FieldsOnCorrectTypeRuleTests
{
    [Fact]
    public void Known_fields_aliases_and_meta_fields_are_valid() =>
        ExpectValid(new FieldsOnCorrectTypeRule(), """
            { dog { name otherName: nickname __typename } pet { name } catOrDog { __typename } __schema { queryType { name } } __type(name: "Dog") { name } }
            """);

    [Fact]
    public void Unknown_field_on_object_is_reported_with_its_location_and_a_suggestion() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            {
              dog { barkVolum }
            }
            """,
            new Expected("Cannot query field \"barkVolum\" on type \"Dog\". Did you mean \"barkVolume\"?", (2, 9)));

    [Fact]
    public void Unknown_aliased_field_is_reported_at_the_alias() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            { dog { tName: zzz } }
            """,
            new Expected("Cannot query field \"zzz\" on type \"Dog\".", (1, 9)));

    [Fact]
    public void Field_on_interface_suggests_inline_fragments_on_implementations() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            { pet { meows } }
            """,
            new Expected("Cannot query field \"meows\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\"?", (1, 9)));

    [Fact]
    public void Field_on_union_suggests_interfaces_before_objects() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            { humanOrAlien { iq } }
            """,
            new Expected("Cannot query field \"iq\" on type \"HumanOrAlien\". Did you mean to use an inline fragment on \"Intelligent\", \"Alien\", or \"Human\"?", (1, 18)));

    [Fact]
    public void Meta_fields_other_than_typename_are_only_on_the_query_root() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            { dog { __schema { queryType { name } } } }
            """,
            new Expected("Cannot query field \"__schema\" on type \"Dog\".", (1, 9)));

    [Fact]
    public void Fields_below_an_unknown_field_are_not_reported_again() =>
        ExpectErrors(new FieldsOnCorrectTypeRule(), """
            { dog { unknown { deeper } } }
            """,
            new Expected("Cannot query field \"unknown\" on type \"Dog\".", (1, 9)));
}

public class ScalarLeafsRuleTests
{
    [Fact]
    public void Leaves_without_and_composites_with_selections_are_valid() =>
        ExpectValid(new ScalarLeafsRule(), """
            { dog { name barks } human { pets { name } } }
            """);

    [Fact]
    public void Object_field_without_selection_is_reported() =>
        ExpectErrors(new ScalarLeafsRule(), """
            { human }
            """,
            new Expected("Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"?", (1, 3)));

    [Fact]
    public void Scalar_field_with_selection_is_reported_at_the_selection_set() =>
        ExpectErrors(new ScalarLeafsRule(), """
            { dog { barks { sinceWhen } } }
            """,
            new Expected("Field \"barks\" must not have a selection since type \"Boolean\" has no subfields.", (1, 15)));

    [Fact]
    public void Wrapped_types_are_named_in_full() =>
        ExpectErrors(new ScalarLeafsRule(), """
            { human { relatives } }
            """,
            new Expected("Field \"relatives\" of type \"[Human]!\" must have a selection of subfields. Did you mean \"relatives { ... }\"?", (1, 11)));
}
