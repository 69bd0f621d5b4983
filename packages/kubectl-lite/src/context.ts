/**
 * What every command gets: the streams it writes to, the environment, the global connection flags and
 * a client built from them on first use (so `config` and `version --client` work with no server).
 */
import type { Readable, Writable } from 'node:stream';
import { clientConfigFromFlags, KubeClient, type ClientConfig, type ConnectionFlags } from '@tinykube/client';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Environment for KUBECONFIG and HOME; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Read by `-f -`; defaults to process.stdin. */
  stdin?: Readable;
  /** Aborting it ends watches and waits (Ctrl-C in the bin). */
  signal?: AbortSignal;
  /** Resolves relative file paths; defaults to process.cwd(). */
  cwd?: string;
}

export interface GlobalFlags extends ConnectionFlags {
  requestTimeout?: string;
}

export class CliContext {
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  readonly cwd: string;
  globals: GlobalFlags = {};
  /** Set by commands that report some errors and carry on (apply, delete, get of several names). */
  exitCode = 0;
  private kube?: KubeClient;
  private config?: ClientConfig;

  constructor(readonly io: CliIo) {
    this.env = io.env ?? process.env;
    this.signal = io.signal ?? new AbortController().signal;
    this.cwd = io.cwd ?? process.cwd();
  }

  get stdin(): Readable {
    return this.io.stdin ?? process.stdin;
  }

  /** Writes text to stdout, adding a newline unless it ends with one. */
  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Writes one informational line to stderr (kubectl's "No resources found", warnings). */
  warn(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Prints one error line and remembers to exit non-zero, for commands that carry on after it. */
  report(line: string): void {
    this.warn(line);
    this.exitCode = 1;
  }

  clientConfig(): ClientConfig {
    this.config ??= clientConfigFromFlags(this.globals, this.env, this.env.HOME);
    return this.config;
  }

  client(): KubeClient {
    // Few, quick retries: a person at a terminal wants to hear that the server is down, not wait a minute.
    this.kube ??= new KubeClient(this.clientConfig(), { maxRetries: 2, backoff: { initialMs: 100, maxMs: 1000 }, timeoutMs: 30_000 });
    return this.kube;
  }

  /** The namespace requests default to: -n, else the context's, else `default`. */
  namespace(): string {
    return this.clientConfig().namespace;
  }

  /** Whether -n was given explicitly (apply refuses a manifest in another namespace then). */
  namespaceExplicit(): boolean {
    return Boolean(this.globals.namespace);
  }

  close(): void {
    this.kube?.close();
  }
}
