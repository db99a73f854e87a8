// Runs graphql-http's server audit suite (GraphQL-over-HTTP spec) against a running server and prints the results as
// JSON: [{ id, name, status: "ok" | "warn" | "error", reason? }]. Usage: node audit.mjs http://127.0.0.1:PORT/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url>');
  process.exit(2);
}
const results = await auditServer({ url });
const out = results.map((r) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  reason: r.status === 'ok' ? undefined : r.reason,
}));
process.stdout.write(JSON.stringify(out));
