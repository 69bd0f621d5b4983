/** The bin's entry: real streams, Ctrl-C ends watches and waits, the exit code from runCli. */
import { runCli } from './cli';

export async function main(argv: string[]): Promise<void> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    process.exitCode = await runCli(argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: abort.signal });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
