/** `trace deployment/NAME`: the event chain of one Deployment as a timeline (ours; kubectl has nothing like it). */
import type { Command } from 'commander';
import { CliError } from '../errors';
import { collectTrace } from '../trace/collect';
import { renderTrace } from '../trace/render';
import type { RegisterCommand } from './types';

export const registerTrace: RegisterCommand = (program: Command, ctx) => {
  program
    .command('trace')
    .argument('<deployment/NAME>', 'the Deployment to trace')
    .description('Show the event chain of a Deployment: controllers, scheduler (with its filter and score table), node agents, endpoints')
    .action(async (target: string) => {
      const m = /^(deployment|deployments|deploy|deployment\.apps|deployments\.apps)\/([a-z0-9.-]+)$/.exec(target);
      if (!m) throw new CliError(`trace takes deployment/NAME, got "${target}"`);
      const trace = await collectTrace(ctx.client(), ctx.namespace(), m[2]);
      ctx.io.stdout.write(renderTrace(trace));
    });
};
