// The benchmark schema, shared by the Node peers. bench/Tickr.Bench.Server declares the same one code first:
// type Query { a: String b: String c: String }, each field returning a constant.
import { buildSchema } from 'graphql';

export const sdl = 'type Query { a: String b: String c: String }';
export const schema = buildSchema(sdl);
// Root values: graphql-js's default resolver reads them, and so does graphql-jit.
export const rootValue = { a: 'alpha', b: 'bravo', c: 'charlie' };

export const port = Number(process.env.PORT ?? 5101);
