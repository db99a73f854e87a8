using Tickr.GraphQL.Validation.Rules;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class ExecutableDefinitionsRuleTests
{
    [Fact]
    public void Operations_and_fragments_are_executable() =>
        ExpectValid(new ExecutableDefinitionsRule(), """
            query Foo { dog { ...Frag } }
            fragment Frag on Dog { name }
            """);

    [Fact]
    public void Type_and_schema_definitions_are_reported_by_name()
    {
        ExpectErrors(new ExecutableDefinitionsRule(), """
            query Foo { dog { name } }
            type Cow { name: String }
            extend type Dog { color: String }
            schema { query: Foo }
            directive @x on FIELD
            """,
            new Expected("The \"Cow\" definition is not executable.", (2, 1)),
            new Expected("The \"Dog\" definition is not executable.", (3, 1)),
            new Expected("The schema definition is not executable.", (4, 1)),
            new Expected("The \"x\" definition is not executable.", (5, 1)));
    }
}

public class OperationNameUniquenessRuleTests
{
    [Fact]
    public void Distinct_operation_names_are_valid() =>
        ExpectValid(new OperationNameUniquenessRule(), """
            query Foo { dog { name } }
            query Bar { dog { name } }
            mutation Baz { x }
            """);

    [Fact]
    public void Same_name_is_reported_at_both_names_even_across_operation_kinds() =>
        ExpectErrors(new OperationNameUniquenessRule(), """
            query Foo { dog { name } }
            subscription Foo { newMessage { body } }
            """,
            new Expected("There can be only one operation named \"Foo\".", (1, 7), (2, 14)));
}

public class LoneAnonymousOperationRuleTests
{
    [Fact]
    public void One_anonymous_operation_with_fragments_is_valid() =>
        ExpectValid(new LoneAnonymousOperationRule(), """
            { dog { ...F } }
            fragment F on Dog { name }
            """);

    [Fact]
    public void Anonymous_operation_next_to_another_is_reported() =>
        ExpectErrors(new LoneAnonymousOperationRule(), """
            { dog { name } }
            query Foo { dog { name } }
            """,
            new Expected("This anonymous operation must be the only defined operation.", (1, 1)));

    [Fact]
    public void Every_anonymous_operation_is_reported() =>
        ExpectErrors(new LoneAnonymousOperationRule(), """
            { dog { name } }
            { cat { name } }
            """,
            new Expected("This anonymous operation must be the only defined operation.", (1, 1)),
            new Expected("This anonymous operation must be the only defined operation.", (2, 1)));
}

public class KnownOperationTypesRuleTests
{
    [Fact]
    public void Query_and_subscription_are_supported() =>
        ExpectValid(new KnownOperationTypesRule(), """
            query Q { dog { name } }
            subscription S { newMessage { body } }
            """);

    [Fact]
    public void Mutation_without_a_mutation_type_is_reported() =>
        ExpectErrors(new KnownOperationTypesRule(), """
            mutation M { doSomething }
            """,
            new Expected("The mutation operation is not supported by the schema.", (1, 1)));
}

public class SingleRootFieldRuleTests
{
    [Fact]
    public void One_root_field_is_valid_also_through_fragments_and_repeats() =>
        ExpectValid(new SingleRootFieldRule(), """
            subscription S { ...F newMessage { sender } }
            fragment F on SubscriptionRoot { newMessage { body } }
            """);

    [Fact]
    public void Conditional_directives_below_the_root_are_valid() =>
        ExpectValid(new SingleRootFieldRule(), """
            subscription S($b: Boolean!) { newMessage { body @skip(if: $b) } }
            """);

    [Fact]
    public void Extra_root_fields_are_reported_at_every_extra_field() =>
        ExpectErrors(new SingleRootFieldRule(), """
            subscription ImportantEmails {
              newMessage { body }
              notImportant: newMessage { body }
              ...F
            }
            fragment F on SubscriptionRoot { disallowedSecondRootField }
            """,
            new Expected("Subscription \"ImportantEmails\" must select only one top level field.", (3, 3), (6, 34)));

    [Fact]
    public void Introspection_root_field_is_reported_for_anonymous_subscriptions() =>
        ExpectErrors(new SingleRootFieldRule(), """
            subscription { __typename }
            """,
            new Expected("Anonymous Subscription must not select an introspection top level field.", (1, 16)));

    [Fact]
    public void Skip_or_include_in_the_top_level_selection_is_reported_even_inside_fragments() =>
        ExpectErrors(new SingleRootFieldRule(), """
            subscription S($b: Boolean!) {
              newMessage @include(if: $b) { body }
              ... @skip(if: $b) { disallowedSecondRootField }
            }
            """,
            new Expected("Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.", (2, 14), (3, 7)));

    [Fact]
    public void Fragment_cycles_at_the_root_terminate() =>
        ExpectErrors(new SingleRootFieldRule(), """
            subscription S { ...A }
            fragment A on SubscriptionRoot { newMessage { body } ...B }
            fragment B on SubscriptionRoot { disallowedSecondRootField ...A }
            """,
            new Expected("Subscription \"S\" must select only one top level field.", (3, 34)));
}
