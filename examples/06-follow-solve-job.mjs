// Step 6 of the README's "Walkthrough": follows one solve job live over graphql-ws, printing each
// progress message as a line of JSON, until the job completes, fails or is cancelled.
//
//   TOKEN=<platform token> node examples/06-follow-solve-job.mjs JOB_ID
//
// GOLIATH_URL names the gateway (default http://127.0.0.1:4000/graphql); its WebSocket is served on
// the same path. Exits 0 when the job completed, 1 when it failed, was cancelled or the subscription
// was refused, 2 on bad usage.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [jobId] = process.argv.slice(2);
const token = process.env.TOKEN;
if (!jobId || !token) {
  console.error('usage: TOKEN=<platform token> node examples/06-follow-solve-job.mjs JOB_ID');
  process.exit(2);
}
const url = (process.env.GOLIATH_URL ?? 'http://127.0.0.1:4000/graphql').replace(/^http/, 'ws');

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  // The token goes in connectionParams: a browser's WebSocket cannot send an Authorization header.
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
});

const subscription = `
  subscription FollowSolveJob($jobId: ID!) {
    solveJobProgress(jobId: $jobId) { type status attempt bestEnergy elapsedMs fractionOfBudget }
  }`;

let last;
try {
  for await (const result of client.iterate({ query: subscription, variables: { jobId } })) {
    if (result.errors) throw result.errors;
    last = result.data.solveJobProgress;
    console.log(JSON.stringify(last));
  }
} catch (error) {
  // GraphQL errors arrive as a list; a socket the server closed (no or a refused token) as its close event.
  const errors = Array.isArray(error) ? error : [{ message: error.reason ?? error.message ?? String(error), extensions: { closeCode: error.code } }];
  for (const { message, extensions } of errors) console.error(`${extensions?.code ?? 'ERROR'}: ${message}`);
} finally {
  await client.dispose();
}
process.exitCode = last?.status === 'COMPLETED' ? 0 : 1;
