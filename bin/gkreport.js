#!/usr/bin/env node
// Runs the compiled command line (npm's `prepare` builds dist/).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gkreport: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
