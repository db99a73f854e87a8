// Validates every .graphql document of a directory against a schema with graphql-js.
// Usage: node validate-corpus.mjs <schema.graphql> <corpus-dir>
// Prints { "<file name>": { "valid": bool, "errors": [message, ...] } } with files in name order.
// A document that does not parse counts as invalid (its syntax error is the only message).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const [schemaPath, corpusDir] = process.argv.slice(2);
if (!schemaPath || !corpusDir) {
  process.stderr.write('usage: node validate-corpus.mjs <schema.graphql> <corpus-dir>\n');
  process.exit(2);
}

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const result = {};
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.graphql')).sort()) {
  const source = readFileSync(join(corpusDir, file), 'utf8');
  let errors;
  try {
    errors = validate(schema, parse(source)).map((e) => e.message);
  } catch (e) {
    errors = [e.message];
  }
  result[file] = { valid: errors.length === 0, errors };
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
