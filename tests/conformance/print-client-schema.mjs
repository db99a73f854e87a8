// Prints, as SDL, the schema graphql-js rebuilds from an introspection result.
// Usage: node print-client-schema.mjs [result.json]   (reads stdin when no path is given)
// The JSON may be the bare introspection data ({ "__schema": ... }) or a full response ({ "data": ... }).
import { readFileSync } from 'node:fs';
import { buildClientSchema, printSchema } from 'graphql';

const text = readFileSync(process.argv[2] ?? 0, 'utf8');
const json = JSON.parse(text);
const data = json.data ?? json;
if (json.errors?.length) {
  process.stderr.write(`introspection result carries errors: ${JSON.stringify(json.errors)}\n`);
  process.exit(2);
}
process.stdout.write(printSchema(buildClientSchema(data)));
