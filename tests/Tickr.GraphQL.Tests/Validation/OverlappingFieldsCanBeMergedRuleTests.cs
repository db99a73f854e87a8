using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class OverlappingFieldsCanBeMergedRuleTests
{
    private const string Suffix = " Use different aliases on the fields to fetch both if this was intentional.";

    [Fact]
    public void Identical_fields_aliases_and_arguments_merge() =>
        ExpectValid(new OverlappingFieldsCanBeMergedRule(), """
            fragment F on Dog {
              name
              name
              otherName: name
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: SIT)
              isAtLocation(x: 1, y: 2)
              isAtLocation(y: 2, x: 1)
              ... on Dog { name }
              mother { name }
              mother { barks }
            }
            """);

    [Fact]
    public void Different_fields_on_mutually_exclusive_object_types_merge() =>
        ExpectValid(new OverlappingFieldsCanBeMergedRule(), """
            { catOrDog { ... on Dog { name: barks } ... on Cat { name: meows } } }
            """);

    [Fact]
    public void Same_alias_for_different_fields_is_reported() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            fragment F on Dog {
              fido: name
              fido: nickname
            }
            """,
            new Expected("Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields." + Suffix, (2, 3), (3, 3)));

    [Fact]
    public void Different_arguments_are_reported() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            fragment F on Dog {
              doesKnowCommand(dogCommand: SIT)
              doesKnowCommand(dogCommand: HEEL)
              isAtLocation(x: 1)
              isAtLocation
            }
            """,
            new Expected("Fields \"doesKnowCommand\" conflict because they have differing arguments." + Suffix, (2, 3), (3, 3)),
            new Expected("Fields \"isAtLocation\" conflict because they have differing arguments." + Suffix, (4, 3), (5, 3)));

    [Fact]
    public void Conflicting_leaf_types_are_reported_even_on_exclusive_parents() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            { catOrDog { ... on Dog { x: barkVolume } ... on Cat { x: name } } }
            """,
            new Expected("Fields \"x\" conflict because they return conflicting types \"Int\" and \"String\"." + Suffix, (1, 27), (1, 56)));

    [Fact]
    public void Conflicts_between_a_field_and_a_fragment_are_reported() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            { dog { x: name ...F } }
            fragment F on Dog { x: barks }
            """,
            new Expected("Fields \"x\" conflict because \"name\" and \"barks\" are different fields." + Suffix, (1, 9), (2, 21)));

    [Fact]
    public void Conflicts_between_two_fragments_are_reported() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            { dog { ...A ...B } }
            fragment A on Dog { x: name }
            fragment B on Dog { x: barks }
            """,
            new Expected("Fields \"x\" conflict because \"name\" and \"barks\" are different fields." + Suffix, (2, 21), (3, 21)));

    [Fact]
    public void Deep_conflicts_are_reported_with_the_path_of_subfields() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            {
              dog { mother { x: name } }
              dog { mother { x: barks } }
            }
            """,
            new Expected("Fields \"dog\" conflict because subfields \"mother\" conflict because subfields \"x\" conflict because \"name\" and \"barks\" are different fields." + Suffix,
                (2, 3), (2, 9), (2, 18), (3, 3), (3, 9), (3, 18)));

    [Fact]
    public void Nullability_and_list_differences_conflict() =>
        ExpectErrors(new OverlappingFieldsCanBeMergedRule(), """
            { humanOrAlien { ... on Human { r: relatives { name } } ... on Alien { r: name } } }
            """,
            new Expected("Fields \"r\" conflict because they return conflicting types \"[Human]!\" and \"String\"." + Suffix, (1, 33), (1, 72)));
}
