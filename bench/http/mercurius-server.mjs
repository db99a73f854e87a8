// mercurius on Fastify at /graphql; jit: 1 compiles a query with graphql-jit from its first use on.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { sdl, rootValue, port } from './schema.mjs';

const app = Fastify({ logger: false });
// mercurius passes resolvers as a map; constants like rootValue.
app.register(mercurius, {
  schema: sdl,
  resolvers: { Query: { a: () => rootValue.a, b: () => rootValue.b, c: () => rootValue.c } },
  jit: 1,
  graphiql: false,
});
await app.listen({ port, host: '127.0.0.1' });
console.log(`mercurius listening on ${port}`);
