/**
 * How commands plug in: each file under src/commands/ exports a `register(program, ctx)` that adds its
 * commander subcommand(s); commands/index.ts lists them. Actions read global flags from `ctx`.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Commander collects a repeatable option (`-f a -f b`) with this. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
