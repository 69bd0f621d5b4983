/**
 * Errors as kubectl reports them: every failure becomes exactly one line on stderr, worded the way
 * kubectl words it, so scripts and people who know kubectl read them the same way.
 */
import { ConfigError, StatusError, TransportError, WatchBrokenError } from '@tinykube/client';

/** A user-facing failure with its final wording (printed as `error: <message>`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A failure whose line is already complete (no `error: ` prefix is added), e.g. `Error from server ...`. */
export class ReportedError extends CliError {
  constructor(readonly line: string, exitCode = 1) {
    super(line, exitCode);
    this.name = 'ReportedError';
  }
}

/** kubectl's "Error from server (Reason): message" for a Status the server sent. */
export function serverErrorLine(err: StatusError, context?: string): string {
  const message = context ? `${context}: ${err.message}` : err.message;
  if (err.reason === 'Unauthorized') return `error: You must be logged in to the server (${err.message})`;
  return err.reason ? `Error from server (${err.reason}): ${message}` : `Error from server: ${message}`;
}

function transportLine(err: TransportError): string {
  const cause = err.cause as NodeJS.ErrnoException | undefined;
  const host = /\b(?:https?:\/\/)?([^\s/]+:\d+)/.exec(err.message)?.[1];
  if (cause?.code === 'ECONNREFUSED') {
    return `The connection to the server ${host ?? 'localhost'} was refused - did you specify the right host or port?`;
  }
  return `Unable to connect to the server: ${cause?.message ?? err.message}`;
}

/** The single line printed for an error that ended a command. */
export function errorLine(err: unknown): string {
  if (err instanceof ReportedError) return err.line;
  if (err instanceof CliError || err instanceof ConfigError) return `error: ${err.message}`;
  if (err instanceof StatusError) return serverErrorLine(err);
  if (err instanceof TransportError) return transportLine(err);
  if (err instanceof WatchBrokenError) return `error: ${err.message}`;
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
