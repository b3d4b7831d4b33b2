// What every subcommand does with its flags: a flag it does not know is a
// usage error (exit 2, the usage on stderr); --help prints the usage (exit 0).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parseCommand<T extends ParseArgsConfig>(name: string, usage: string, config: T): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    process.stderr.write(`gkreport ${name}: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return 0;
  }
  return parsed;
}
