// Drives the server with the reference graphql-ws client (graphql-transport-ws protocol) and prints a JSON report.
// Usage: node ws-client.mjs ws://127.0.0.1:PORT/graphql
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.argv[2];
const report = {};

function collect(client, payload) {
  return new Promise((resolve) => {
    const events = [];
    client.subscribe(payload, {
      next: (value) => events.push({ next: value }),
      error: (error) => {
        events.push({ error: Array.isArray(error) ? error : { message: String(error?.message ?? error), code: error?.code, reason: error?.reason } });
        resolve(events);
      },
      complete: () => {
        events.push('complete');
        resolve(events);
      },
    });
  });
}

const timeout = setTimeout(() => {
  console.error('timed out');
  process.exit(3);
}, 20000);

// 1. Authenticated client: query, mutation, finite subscription, validation error, bus-fed subscription.
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: 'Bearer good-token' },
  lazy: false,
  retryAttempts: 0,
});
report.query = await collect(client, { query: '{ hello(name: "ws") whoami }' });
report.mutation = await collect(client, { query: 'mutation { echo(text: "hi") }' });
report.countdown = await collect(client, { query: 'subscription { countdown(from: 3) }' });
report.invalid = await collect(client, { query: '{ nope }' });

const live = [];
let unsubscribe;
const ready = new Promise((resolve) => {
  unsubscribe = client.subscribe({ query: 'subscription { counter(topic: "t1") }' }, {
    next: (v) => {
      live.push(v);
      if (live.length === 2) resolve();
    },
    error: (e) => { live.push({ error: String(e) }); resolve(); },
    complete: () => {},
  });
});
// Publish until the subscription (set up asynchronously) has seen two events.
for (let i = 1; live.length < 2 && i < 200; i++) {
  await collect(client, { query: `mutation { publish(topic: "t1", value: ${i}) }` });
  await new Promise((r) => setTimeout(r, 20));
}
await ready;
unsubscribe();
report.counter = live;
await client.dispose();

// 2. A client whose token the server refuses: closed with 4403.
report.forbidden = await new Promise((resolve) => {
  const bad = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: 'Bearer bad-token' },
    lazy: false,
    retryAttempts: 0,
    on: { closed: (event) => resolve({ code: event.code, reason: event.reason }) },
  });
  bad.subscribe({ query: '{ hello }' }, { next() {}, error() {}, complete() {} });
});

clearTimeout(timeout);
process.stdout.write(JSON.stringify(report));
process.exit(0);
