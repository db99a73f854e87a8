// Runs the Tickr.GraphQL benchmark's three operations on graphql-js and graphql-jit and prints ops/s.
// Usage: npm ci && node run.mjs [seconds-per-case]   (default 2 s of measurement after 0.5 s of warm-up)
//
// Cases, each on the same schema and root value as bench/Tickr.GraphQL.Benchmarks:
//   graphql-js            parse + validate + execute on every operation (no cache), like the C# benchmark
//   graphql-jit           parse + validate + compileQuery + run on every operation (comparable pipeline)
//   graphql-jit (reused)  the query compiled once, only the compiled function runs (not comparable: a cache)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';

const seconds = Number(process.argv[2] ?? 2);

const schema = buildSchema(/* GraphQL */ `
  type Query {
    a: String
    b: Int
    c: Boolean
    items: [Item!]!
  }

  type Item {
    id: ID!
    name: String!
    price: Float!
    quantity: Int!
    active: Boolean!
  }
`);

const items = Array.from({ length: 100 }, (_, i) => ({
  id: String(i),
  name: `Item ${i}`,
  price: i * 1.5,
  quantity: i,
  active: i % 2 === 0,
}));
const rootValue = { a: 'hello', b: 42, c: true, items };

const introspection = readFileSync(
  fileURLToPath(new URL('../Tickr.GraphQL.Benchmarks/IntrospectionQuery.graphql', import.meta.url)),
  'utf8',
);

const queries = {
  'three scalars': '{ a b c }',
  introspection,
  '100 items x 5 fields': '{ items { id name price quantity active } }',
};

function check(result, name) {
  if (result.errors?.length) {
    throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  }
  return result;
}

function graphqlJs(source) {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length) return { errors };
  return execute({ schema, document, rootValue });
}

function jitEachTime(source) {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length) return { errors };
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) return compiled;
  return compiled.query(rootValue, undefined, {});
}

function jitReused(source) {
  const compiled = compileQuery(schema, parse(source));
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
  return () => compiled.query(rootValue, undefined, {});
}

function measure(fn) {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) fn();
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) fn();
    ops += 50;
    now = performance.now();
  }
  const elapsedMs = now - start;
  return { opsPerSec: (ops * 1000) / elapsedMs, microsPerOp: (elapsedMs * 1000) / ops };
}

const rows = [];
for (const [name, source] of Object.entries(queries)) {
  // Every engine must produce the same data before it is timed.
  const expected = JSON.stringify(check(graphqlJs(source), name).data);
  const fromJit = JSON.stringify(check(jitEachTime(source), name).data);
  if (name !== 'introspection' && fromJit !== expected) {
    throw new Error(`${name}: graphql-jit and graphql-js disagree`);
  }
  const reused = jitReused(source);
  check(reused(), name);

  rows.push({ query: name, engine: 'graphql-js (parse+validate+execute)', ...measure(() => graphqlJs(source)) });
  rows.push({ query: name, engine: 'graphql-jit (parse+validate+compile+run)', ...measure(() => jitEachTime(source)) });
  rows.push({ query: name, engine: 'graphql-jit (precompiled, reused)', ...measure(reused) });
}

const versions = {
  node: process.version,
  graphql: JSON.parse(readFileSync(new URL('./node_modules/graphql/package.json', import.meta.url))).version,
  'graphql-jit': JSON.parse(readFileSync(new URL('./node_modules/graphql-jit/package.json', import.meta.url))).version,
};
console.log(`# ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}; ${seconds} s per case`);
console.log('| query | engine | ops/s | µs/op |');
console.log('|---|---|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.query} | ${r.engine} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${r.microsPerOp.toFixed(2)} |`);
}
