using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Tests.Types;

public class SdlRoundTripTests
{
    /// <summary>Exercises every SDL feature; the expected print below is graphql-js printSchema(buildSchema(Sdl)).</summary>
    internal const string Sdl = """""
"""
The schema of a small ticketing service.
It spans several lines.
"""
schema @meta(tags: ["root"]) {
  query: Root
  mutation: Mutations
}

"""Marks a field as costly."""
directive @cost(weight: Int!, reason: String = "expensive") repeatable on FIELD_DEFINITION | OBJECT

directive @meta(
  "Free-form tags."
  tags: [String!]
) on SCHEMA | SCALAR | ENUM_VALUE | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION

"""Anything with an identifier."""
interface Node {
  id: ID!
}

interface Entity implements Node {
  id: ID!

  """When the entity was created."""
  createdAt: DateTime
}

type Ticket implements Entity & Node @cost(weight: 2) {
  id: ID!
  createdAt: DateTime
  title(
    """Maximum length; longer titles are cut."""
    maxLength: Int = 80

    "Deprecated argument."
    truncate: Boolean @deprecated(reason: "Use `maxLength`.")
  ): String! @cost(weight: 1) @cost(weight: 3, reason: "db")
  status: Status!
  price: Decimal
  assignee: Person
  tags(first: Int = 10, filter: TagFilter = {prefix: "a"}): [String!]!
  legacyCode: String @deprecated
}

type Person implements Node {
  id: ID!
  name: String
  "Ünïcödé déscription — with an emoji 🎫."
  nickname: String
}

union SearchResult = Ticket | Person

"""Ticket lifecycle."""
enum Status {
  OPEN
  IN_PROGRESS @deprecated(reason: "Merged into OPEN.")

  """Done."""
  CLOSED
  ARCHIVED @deprecated
}

input TagFilter {
  prefix: String = "t"
  limit: Int = 5 @deprecated(reason: "Ignored.")
  exact: [String!] = ["x"]
}

input TicketLookup @oneOf {
  id: ID
  code: String
}

input NewTicket {
  title: String!
  status: Status = OPEN
  filters: [TagFilter!] = [{prefix: "b"}]
  when: Date
}

scalar Date

scalar Json @specifiedBy(url: "https://example.com/json")

type Root {
  node(id: ID!): Node
  ticket(lookup: TicketLookup!): Ticket
  search(text: String!, limit: Long = 20): [SearchResult!]!
  site: URL
  token: UUID
  raw: Json
  ratio(scale: Float = 1.5): Float
}

type Mutations {
  createTicket(input: NewTicket!): Ticket
}

scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

scalar Decimal

scalar Long

scalar URL

scalar UUID
""""";

    private const string ExpectedPrint = """""
"""
The schema of a small ticketing service.
It spans several lines.
"""
schema {
  query: Root
  mutation: Mutations
}

"""Marks a field as costly."""
directive @cost(weight: Int!, reason: String = "expensive") repeatable on FIELD_DEFINITION | OBJECT

directive @meta(
  """Free-form tags."""
  tags: [String!]
) on SCHEMA | SCALAR | ENUM_VALUE | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION

"""Anything with an identifier."""
interface Node {
  id: ID!
}

interface Entity implements Node {
  id: ID!

  """When the entity was created."""
  createdAt: DateTime
}

type Ticket implements Entity & Node {
  id: ID!
  createdAt: DateTime
  title(
    """Maximum length; longer titles are cut."""
    maxLength: Int = 80

    """Deprecated argument."""
    truncate: Boolean @deprecated(reason: "Use `maxLength`.")
  ): String!
  status: Status!
  price: Decimal
  assignee: Person
  tags(first: Int = 10, filter: TagFilter = {prefix: "a", limit: 5, exact: ["x"]}): [String!]!
  legacyCode: String @deprecated
}

type Person implements Node {
  id: ID!
  name: String

  """Ünïcödé déscription — with an emoji 🎫."""
  nickname: String
}

union SearchResult = Ticket | Person

"""Ticket lifecycle."""
enum Status {
  OPEN
  IN_PROGRESS @deprecated(reason: "Merged into OPEN.")

  """Done."""
  CLOSED
  ARCHIVED @deprecated
}

input TagFilter {
  prefix: String = "t"
  limit: Int = 5 @deprecated(reason: "Ignored.")
  exact: [String!] = ["x"]
}

input TicketLookup @oneOf {
  id: ID
  code: String
}

input NewTicket {
  title: String!
  status: Status = OPEN
  filters: [TagFilter!] = [{prefix: "b", limit: 5, exact: ["x"]}]
  when: Date
}

scalar Date

scalar Json @specifiedBy(url: "https://example.com/json")

type Root {
  node(id: ID!): Node
  ticket(lookup: TicketLookup!): Ticket
  search(text: String!, limit: Long = 20): [SearchResult!]!
  site: URL
  token: UUID
  raw: Json
  ratio(scale: Float = 1.5): Float
}

type Mutations {
  createTicket(input: NewTicket!): Ticket
}

scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

scalar Decimal

scalar Long

scalar URL

scalar UUID
""""";

    [Fact]
    public void Printing_a_schema_built_from_sdl_matches_graphql_js_printSchema_byte_for_byte()
    {
        var schema = SdlSchemaBuilder.FromSdl(Sdl);
        Assert.Equal(ExpectedPrint, SchemaPrinter.Print(schema));
    }

    [Fact]
    public void Printing_is_stable_when_the_printed_sdl_is_built_again()
    {
        var printed = SchemaPrinter.Print(SdlSchemaBuilder.FromSdl(Sdl));
        Assert.Equal(printed, SchemaPrinter.Print(SdlSchemaBuilder.FromSdl(printed)));
    }
}
