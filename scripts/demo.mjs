#!/usr/bin/env node
// `npm run demo`: creates a company in the sandbox and shows the connector enrich it. Run `npm start` first
// (same port variables: SANDBOX_PORT, FUNCTIONS_PORT).
import { readPorts } from './lib/config.mjs';
import { runDemo } from './lib/demo.mjs';

try {
  const result = await runDemo(readPorts());
  process.exitCode = result.ok ? 0 : 1;
} catch (e) {
  console.error(`Demo failed: ${e.message}`);
  process.exitCode = 1;
}
