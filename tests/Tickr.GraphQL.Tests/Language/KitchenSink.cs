namespace Tickr.GraphQL.Tests.Language;

/// <summary>
/// Kitchen-sink documents covering every production, with the canonical text graphql-js 16 prints for them
/// (generated once with graphql-js <c>print(parse(source))</c> and stored here).
/// </summary>
internal static class KitchenSink
{
    public const string Executable = """"
# Executable kitchen sink for Tickr's parser and printer.
query Dashboard($owner: ID!, $first: Int = 20, $after: String = null, $order: [SortKey!] = [CREATED, NAME],
  $filter: TicketFilter = {status: OPEN, tags: ["a", "b"], range: {from: -1.5e-3, to: 0.25E+2}},
  $flag: Boolean = true @deprecatedVar(reason: "use $on")) @cached(ttl: 60) @trace {
  me: viewer { id, name }
  board(owner: $owner) @include(if: $flag) {
    tickets(first: $first, after: $after, orderBy: $order, filter: $filter) {
      totalCount
      edges { cursor node { ...TicketParts ... on Bug @skip(if: false) { severity } } }
      pageInfo { hasNextPage, endCursor }
    }
    ... @defer(label: "stats") { stats { open closed } }
    ... { inlineWithoutCondition }
    veryLongFieldNameForWrapping(firstArgument: "some fairly long string value", second: 12345)
    withBlock(text: """
        Multi-line
          block string with \""" inside
    """, single: "tab\there \"quoted\" \\ \/ \u00e9 \u{1F600} \uD83D\uDE00 \b\f\n\r")
  }
}

mutation CreateTicket($input: CreateTicketInput!) {
  createTicket(input: $input) { ticket { id } errors { field message } }
}

subscription OnTicket @live {
  ticketChanged(nested: [[1, 2], [], [{}]], obj: {}, enum: ENUM_VALUE, nullish: null, f: false) { id }
}

fragment TicketParts on Ticket @fragDir(a: [1]) {
  id
  title
  assignee { ... on User { login } ... on Team { slug } }
}

{
  shorthand
  __typename
}

query {
  anonymousWithKeyword
}

query ($v: [[Int]!]) {
  anonymousWithVariables(v: $v)
}
"""";

    public const string ExecutablePrinted = """"
query Dashboard($owner: ID!, $first: Int = 20, $after: String = null, $order: [SortKey!] = [CREATED, NAME], $filter: TicketFilter = {status: OPEN, tags: ["a", "b"], range: {from: -1.5e-3, to: 0.25E+2}}, $flag: Boolean = true @deprecatedVar(reason: "use $on")) @cached(ttl: 60) @trace {
  me: viewer {
    id
    name
  }
  board(owner: $owner) @include(if: $flag) {
    tickets(first: $first, after: $after, orderBy: $order, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...TicketParts
          ... on Bug @skip(if: false) {
            severity
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    ... @defer(label: "stats") {
      stats {
        open
        closed
      }
    }
    ... {
      inlineWithoutCondition
    }
    veryLongFieldNameForWrapping(
      firstArgument: "some fairly long string value"
      second: 12345
    )
    withBlock(
      text: """
      Multi-line
        block string with \""" inside
      """
      single: "tab\there \"quoted\" \\ / é 😀 😀 \b\f\n\r"
    )
  }
}

mutation CreateTicket($input: CreateTicketInput!) {
  createTicket(input: $input) {
    ticket {
      id
    }
    errors {
      field
      message
    }
  }
}

subscription OnTicket @live {
  ticketChanged(
    nested: [[1, 2], [], [{}]]
    obj: {}
    enum: ENUM_VALUE
    nullish: null
    f: false
  ) {
    id
  }
}

fragment TicketParts on Ticket @fragDir(a: [1]) {
  id
  title
  assignee {
    ... on User {
      login
    }
    ... on Team {
      slug
    }
  }
}

{
  shorthand
  __typename
}

{
  anonymousWithKeyword
}

query ($v: [[Int]!]) {
  anonymousWithVariables(v: $v)
}
"""";

    public const string Schema = """"
"""
The schema of a tiny ticket tracker.
    Indented line kept relative.
"""
schema @link(url: "https://example.com") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

"A custom scalar"
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

scalar Plain

type Query implements Node & HasOwner @key(fields: "id") {
  "Single-line field description"
  ticket(id: ID!, includeClosed: Boolean = false @deprecated): Ticket
  """
  Block description
  on two lines
  """
  tickets(
    "how many"
    first: Int = 10
    filter: TicketFilter = {status: [OPEN, CLOSED], text: "x\ny"}
  ): [Ticket!]! @complexity(value: 2.5)
  node(id: ID!): Node
}

type Empty

interface Node {
  id: ID!
}

interface HasOwner implements & Node @iface {
  id: ID!
  owner: User
}

type Ticket implements
  & Node
  & HasOwner {
  id: ID!
  owner: User
  createdAt: DateTime!
  matrix: [[Float!]]!
}

union SearchResult @union = | Ticket | User
union Nothing

enum Status @flags {
  "Open"
  OPEN
  CLOSED @deprecated(reason: "Use DONE")
  DONE
}

input TicketFilter @oneOf {
  status: [Status!] = [OPEN]
  text: String @constraint(max: 100)
  nested: TicketFilter
}

directive @complexity(value: Float!, multipliers: [String!] = []) on FIELD_DEFINITION

"Repeatable on many places"
directive @tag(
  "tag name"
  name: String!
) repeatable on
  | SCHEMA
  | SCALAR
  | OBJECT
  | FIELD_DEFINITION
  | ARGUMENT_DEFINITION
  | INTERFACE
  | UNION
  | ENUM
  | ENUM_VALUE
  | INPUT_OBJECT
  | INPUT_FIELD_DEFINITION

directive @exec on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION

extend schema @extra

extend schema @more {
  subscription: Subscription
}

extend scalar DateTime @format(pattern: "iso")

extend type Query implements Extra

extend type Query @dir

extend type Query {
  extra: String
}

extend interface Node implements Base @dir {
  base: String
}

extend interface HasOwner @dir

extend union SearchResult = Team | Org

extend union SearchResult @dir

extend enum Status {
  ARCHIVED
}

extend enum Status @dir

extend input TicketFilter {
  archived: Boolean = false
}

extend input TicketFilter @dir
"""";

    public const string SchemaPrinted = """"
"""
The schema of a tiny ticket tracker.
    Indented line kept relative.
"""
schema @link(url: "https://example.com") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

"A custom scalar"
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

scalar Plain

type Query implements Node & HasOwner @key(fields: "id") {
  "Single-line field description"
  ticket(id: ID!, includeClosed: Boolean = false @deprecated): Ticket
  """
  Block description
  on two lines
  """
  tickets(
    "how many"
    first: Int = 10
    filter: TicketFilter = {status: [OPEN, CLOSED], text: "x\ny"}
  ): [Ticket!]! @complexity(value: 2.5)
  node(id: ID!): Node
}

type Empty

interface Node {
  id: ID!
}

interface HasOwner implements Node @iface {
  id: ID!
  owner: User
}

type Ticket implements Node & HasOwner {
  id: ID!
  owner: User
  createdAt: DateTime!
  matrix: [[Float!]]!
}

union SearchResult @union = Ticket | User

union Nothing

enum Status @flags {
  "Open"
  OPEN
  CLOSED @deprecated(reason: "Use DONE")
  DONE
}

input TicketFilter @oneOf {
  status: [Status!] = [OPEN]
  text: String @constraint(max: 100)
  nested: TicketFilter
}

directive @complexity(value: Float!, multipliers: [String!] = []) on FIELD_DEFINITION

"Repeatable on many places"
directive @tag(
  "tag name"
  name: String!
) repeatable on SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

directive @exec on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION

extend schema @extra

extend schema @more {
  subscription: Subscription
}

extend scalar DateTime @format(pattern: "iso")

extend type Query implements Extra

extend type Query @dir

extend type Query {
  extra: String
}

extend interface Node implements Base @dir {
  base: String
}

extend interface HasOwner @dir

extend union SearchResult = Team | Org

extend union SearchResult @dir

extend enum Status {
  ARCHIVED
}

extend enum Status @dir

extend input TicketFilter {
  archived: Boolean = false
}

extend input TicketFilter @dir
"""";
}
