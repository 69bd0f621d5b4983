/** `version`: this client's version and the server's /version. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { toJson, toYaml } from '../print/objects';
import type { RegisterCommand } from './types';

interface VersionInfo {
  major?: string;
  minor?: string;
  gitVersion: string;
  platform?: string;
}

/** Read from package.json at run time, which sits one level above both src/ and lib/. */
export function clientVersion(): VersionInfo {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const [major, minor] = pkg.version.split('.');
  return { major, minor, gitVersion: `v${pkg.version}`, platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}` };
}

export const registerVersion: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('version')
    .description('Print the client and server version information')
    .option('--client', 'client version only (no server needed)')
    .option('-o, --output <format>', 'yaml or json')
    .action(async (flags: { client?: boolean; output?: string }) => {
      if (flags.output && flags.output !== 'json' && flags.output !== 'yaml') throw new CliError(`--output must be 'yaml' or 'json'`);
      const client = clientVersion();
      if (!flags.output) ctx.out(`Client Version: ${client.gitVersion}`);
      let server: VersionInfo | undefined;
      if (!flags.client) {
        server = await ctx.client().request<VersionInfo>({ method: 'GET', path: '/version', signal: ctx.signal });
        if (!flags.output) ctx.out(`Server Version: ${server.gitVersion}`);
      }
      if (flags.output) {
        const doc = { clientVersion: client, ...(server ? { serverVersion: server } : {}) };
        ctx.io.stdout.write(flags.output === 'json' ? toJson(doc) : toYaml(doc));
      }
    });
};
