// graphql-http's reference handler (graphql-js underneath) on node:http, at /graphql.
import http from 'node:http';
import { createHandler } from 'graphql-http/lib/use/http';
import { schema, rootValue, port } from './schema.mjs';

const handler = createHandler({ schema, rootValue });
http.createServer((req, res) => {
  if (req.url.startsWith('/graphql')) return handler(req, res);
  res.writeHead(404).end();
}).listen(port, '127.0.0.1', () => console.log(`graphql-http listening on ${port}`));
