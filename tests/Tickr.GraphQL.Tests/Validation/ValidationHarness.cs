using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;
using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.Tests.Validation;

/// <summary>One expected error: its message and the 1-based (line, column) of each location.</summary>
public sealed record Expected(string Message, params (int Line, int Column)[] Locations);

/// <summary>
/// The test schema (modelled on the graphql-js validation harness: pets, humans, aliens, complicated arguments)
/// and helpers that run one rule, or all of them, and compare errors exactly.
/// </summary>
internal static class ValidationHarness
{
    public const string Sdl = """
        interface Mammal { mother: Mammal father: Mammal }
        interface Pet { name(surname: Boolean): String }
        interface Canine implements Mammal { name(surname: Boolean): String mother: Canine father: Canine }
        enum DogCommand { SIT HEEL DOWN }
        type Dog implements Pet & Mammal & Canine {
          name(surname: Boolean): String
          nickname: String
          barkVolume: Int
          barks: Boolean
          doesKnowCommand(dogCommand: DogCommand): Boolean
          isHouseTrained(atOtherHomes: Boolean = true): Boolean
          isAtLocation(x: Int, y: Int): Boolean
          mother: Dog
          father: Dog
        }
        type Cat implements Pet {
          name(surname: Boolean): String
          nickname: String
          meows: Boolean
          meowsVolume: Int
          furColor: FurColor
        }
        union CatOrDog = Cat | Dog
        interface Intelligent { iq: Int }
        interface Being { name(surname: Boolean): String }
        type Human implements Being & Intelligent {
          name(surname: Boolean): String
          pets: [Pet]
          relatives: [Human]!
          iq: Int
        }
        type Alien implements Being & Intelligent {
          name(surname: Boolean): String
          numEyes: Int
          iq: Int
        }
        union DogOrHuman = Dog | Human
        union HumanOrAlien = Human | Alien
        enum FurColor { BROWN BLACK TAN SPOTTED NO_FUR UNKNOWN }
        input ComplexInput {
          requiredField: Boolean!
          nonNullField: Boolean! = false
          intField: Int
          stringField: String
          booleanField: Boolean
          stringListField: [String]
        }
        input OneOfInput @oneOf { stringField: String intField: Int }
        type ComplicatedArgs {
          intArgField(intArg: Int): String
          nonNullIntArgField(nonNullIntArg: Int!): String
          stringArgField(stringArg: String): String
          booleanArgField(booleanArg: Boolean): String
          enumArgField(enumArg: FurColor): String
          floatArgField(floatArg: Float): String
          idArgField(idArg: ID): String
          stringListArgField(stringListArg: [String]): String
          stringListNonNullArgField(stringListNonNullArg: [String!]): String
          complexArgField(complexArg: ComplexInput): String
          oneOfArgField(oneOfArg: OneOfInput): String
          multipleReqs(req1: Int!, req2: Int!): String
          nonNullFieldWithDefault(arg: Int! = 0): String
          multipleOpts(opt1: Int = 0, opt2: Int = 0): String
          multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
        }
        type Message { body: String sender: String }
        type QueryRoot {
          human(id: ID): Human
          alien: Alien
          dog: Dog
          cat: Cat
          pet: Pet
          catOrDog: CatOrDog
          dogOrHuman: DogOrHuman
          humanOrAlien: HumanOrAlien
          complicatedArgs: ComplicatedArgs
          being: Being
        }
        type SubscriptionRoot { newMessage: Message disallowedSecondRootField: Boolean }
        schema { query: QueryRoot subscription: SubscriptionRoot }
        directive @onField on FIELD
        directive @onQuery on QUERY
        directive @onFragmentSpread on FRAGMENT_SPREAD
        directive @onInlineFragment on INLINE_FRAGMENT
        directive @onVariableDefinition on VARIABLE_DEFINITION
        directive @repeatable repeatable on FIELD | QUERY
        directive @withRequired(arg: Int!, opt: String) on FIELD
        """;

    public static readonly Schema TestSchema = SdlSchemaBuilder.FromDocument(Parser.Parse(Sdl));

    private static readonly ParserOptions Unlimited = new() { MaxTokens = int.MaxValue, MaxDepth = 10_000 };

    public static DocumentNode Parse(string document) => Parser.Parse(document, Unlimited);

    /// <summary>Runs only <paramref name="rule"/> (plus nothing else), as graphql-js rule tests do.</summary>
    public static IReadOnlyList<GraphQLError> Run(ValidationVisitor rule, string document, Schema? schema = null, ValidationOptions? options = null) =>
        DocumentValidator.ValidateWith(schema ?? TestSchema, Parse(document), [rule], options);

    public static void ExpectValid(ValidationVisitor rule, string document, Schema? schema = null) =>
        AssertErrors(Run(rule, document, schema), []);

    public static void ExpectErrors(ValidationVisitor rule, string document, params Expected[] expected) =>
        AssertErrors(Run(rule, document), expected);

    public static void AssertErrors(IReadOnlyList<GraphQLError> actual, Expected[] expected)
    {
        var actualText = Describe(actual);
        var expectedText = string.Join("\n", expected.Select(e => $"{e.Message} @ {string.Join(" ", e.Locations.Select(l => $"{l.Line}:{l.Column}"))}"));
        Assert.Equal(expectedText, actualText);
    }

    public static string Describe(IReadOnlyList<GraphQLError> errors) =>
        string.Join("\n", errors.Select(e => $"{e.Message} @ {string.Join(" ", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))}"));
}
