// Signs Stripe webhook payloads with the official stripe package, exactly as Stripe's own test helpers do.
// One long-lived process: each stdin line is a JSON request {"payload": "...", "secret": "whsec_...", "timestamp": 1700000000}
// (timestamp optional: now), each stdout line the JSON answer {"header": "t=...,v1=..."} or {"error": "..."}.
import readline from 'node:readline';
import Stripe from 'stripe';

// The key is never used to call Stripe: the webhooks helper only needs a client instance.
const stripe = new Stripe('sk_test_signing_only');
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });

for await (const line of lines) {
  if (line.trim() === '') continue;
  let answer;
  try {
    const request = JSON.parse(line);
    const options = { payload: request.payload, secret: request.secret };
    if (request.timestamp !== undefined && request.timestamp !== null) options.timestamp = request.timestamp;
    answer = { header: stripe.webhooks.generateTestHeaderString(options) };
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
