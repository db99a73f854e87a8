// Prints, as graphql-js printSchema does, the schema graphql-js builds from an SDL file.
// Usage: node print-schema.mjs <schema.graphql>
import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';

process.stdout.write(printSchema(buildSchema(readFileSync(process.argv[2], 'utf8'))));
