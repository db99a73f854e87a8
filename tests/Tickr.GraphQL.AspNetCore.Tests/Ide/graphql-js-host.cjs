// Executes one GraphQL request with graphql-js, for the IDE tests' stand-in GraphQL endpoint (the IDE is under test,
// not the engine). Usage: node graphql-js-host.cjs <path of the graphql package>; request JSON on stdin, result on stdout.
'use strict';
const graphql = require(process.argv[2]);

const schema = graphql.buildSchema(`
  "Entry point of the IDE test schema."
  type Query {
    "Greets someone."
    hello(name: String): String!
    event(id: ID!): Event
  }
  "Something people buy tickets for."
  type Event {
    id: ID!
    name: String!
    capacity: Int!
  }
  type Subscription {
    "Counts down to 1, one number at a time."
    countdown(from: Int!): Int!
  }
`);

const rootValue = {
  hello: ({ name }) => `Hello, ${name ?? 'Tickr'}!`,
  event: ({ id }) => (id === '1' ? { id: '1', name: 'Flash sale', capacity: 500 } : null),
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const request = JSON.parse(input);
  const result = await graphql.graphql({
    schema,
    source: request.query,
    operationName: request.operationName ?? undefined,
    variableValues: request.variables ?? undefined,
    rootValue,
  });
  process.stdout.write(JSON.stringify(result));
});
