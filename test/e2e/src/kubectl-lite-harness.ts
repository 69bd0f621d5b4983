/** Runs kubectl-lite in this process (runCli) or as the real bin, against a test apiserver. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '@tinykube/kubectl-lite';
import { waitFor } from '@tinykube/testing';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const KUBECTL_LITE_BIN = join(__dirname, '..', '..', '..', 'packages', 'kubectl-lite', 'bin', 'kubectl-lite.js');

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

export interface BackgroundCli {
  stdout(): string;
  stderr(): string;
  /** Resolves when the command ends by itself. */
  done: Promise<CliResult>;
  /** Aborts it (as Ctrl-C does) and waits for it to end. */
  stop(): Promise<CliResult>;
}

export class KubectlLite {
  constructor(
    readonly kubeconfig: string,
    readonly home: string,
  ) {}

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { KUBECONFIG: this.kubeconfig, HOME: this.home, ...extra };
  }

  start(args: string[], opts: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}): BackgroundCli {
    const out = collector();
    const err = collector();
    const abort = new AbortController();
    const done = runCli(args, {
      stdout: out.stream,
      stderr: err.stream,
      env: this.env(opts.env),
      stdin: Readable.from([opts.stdin ?? '']),
      signal: abort.signal,
      cwd: opts.cwd,
    }).then((code) => ({ code, stdout: out.text(), stderr: err.text() }));
    return {
      stdout: out.text,
      stderr: err.text,
      done,
      stop: async () => {
        abort.abort();
        return done;
      },
    };
  }

  run(...args: string[]): Promise<CliResult> {
    return this.start(args).done;
  }

  runWith(opts: { stdin?: string; env?: Record<string, string>; cwd?: string }, ...args: string[]): Promise<CliResult> {
    return this.start(args, opts).done;
  }

  /** Waits until a background command has printed something matching `pattern`. */
  async waitForOutput(cli: BackgroundCli, pattern: RegExp, description: string): Promise<void> {
    await waitFor(() => pattern.test(cli.stdout()), { timeoutMs: 30_000, description });
  }
}

/** The compiled bin as a real process (needs `pnpm build`). */
export function runBin(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [KUBECTL_LITE_BIN, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}
