/**
 * The kubectl-lite program: global connection flags, the subcommands from commands/index.ts, and the
 * one rule for failures: a single line on stderr and a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { CONNECTION_FLAGS } from '@tinykube/client';
import { COMMANDS } from './commands';
import { CliContext, type CliIo, type GlobalFlags } from './context';
import { CliError, errorLine } from './errors';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('kubectl-lite')
    .description('kubectl-lite controls a tinykube (or Kubernetes) cluster: a small kubectl.')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      // commander adds "(Did you mean ...?)" on a line of its own; keep every error to one line.
      outputError: (s, write) => write(`${s.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });
  for (const flag of CONNECTION_FLAGS) program.option(flag.flags, flag.description);
  program.hook('preAction', (_root, action) => {
    ctx.globals = action.optsWithGlobals<GlobalFlags>();
  });
  for (const register of COMMANDS) register(program, ctx);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/**
 * Runs one kubectl-lite command line (`argv` without node and script, e.g. ['get', 'pods']) against
 * the given streams; resolves with the exit code. Safe to call many times in one process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      ctx.out(program.helpInformation());
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    ctx.warn(errorLine(err));
    return err instanceof CliError ? err.exitCode : 1;
  } finally {
    ctx.close();
  }
}
