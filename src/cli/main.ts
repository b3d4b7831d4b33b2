// The command line: one dispatcher, one module per command.
import { readFileSync } from 'node:fs';
import { runExtract } from './extract.js';
import { MAIN_USAGE } from './usage.js';

/** The package's version (package.json two folders above dist/src/cli/). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  extract: async () => runExtract,
  compliance: async () => (await import('./compliance.js')).runCompliance,
  export: async () => (await import('./export.js')).runExport,
  inspect: async () => (await import('./inspect.js')).runInspect,
  enqueue: async () => (await import('./enqueue.js')).runEnqueue,
  worker: async () => (await import('./worker.js')).runWorker,
  status: async () => (await import('./status.js')).runStatus,
  serve: async () => (await import('./serve.js')).runServe,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? process.stdout : process.stderr).write(MAIN_USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`gkreport ${version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`gkreport: unknown command "${name}"\n\n${MAIN_USAGE}`);
    return 2;
  }
  return (await load())(rest);
}
