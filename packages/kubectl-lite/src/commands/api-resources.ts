/** `api-resources`: what the server's discovery documents list, as kubectl prints them. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { alignCells } from '../print/tabwriter';
import type { RegisterCommand } from './types';

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

interface Discovered extends ApiResource {
  group: string;
  groupVersion: string;
}

async function discover(ctx: CliContext): Promise<Discovered[]> {
  const client = ctx.client();
  const get = <T>(path: string) => client.request<T>({ method: 'GET', path, signal: ctx.signal });
  const core = await get<{ versions: string[] }>('/api');
  const groups = await get<{ groups: Array<{ name: string; preferredVersion?: { groupVersion: string } }> }>('/apis');
  const lists: Array<{ group: string; path: string }> = [
    ...core.versions.map((v) => ({ group: '', path: `/api/${v}` })),
    ...groups.groups.filter((g) => g.preferredVersion).map((g) => ({ group: g.name, path: `/apis/${g.preferredVersion?.groupVersion}` })),
  ];
  const out: Discovered[] = [];
  for (const l of lists) {
    const list = await get<{ groupVersion: string; resources: ApiResource[] }>(l.path);
    for (const r of list.resources) if (!r.name.includes('/')) out.push({ ...r, group: l.group, groupVersion: list.groupVersion });
  }
  return out;
}

export const registerApiResources: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('api-resources')
    .description('Print the supported API resources on the server')
    .option('-o, --output <format>', 'wide or name')
    .option('--namespaced <bool>', 'only namespaced (true) or cluster-scoped (false) resources')
    .option('--api-group <group>', 'only this API group ("" for core)')
    .option('--no-headers', 'do not print headers')
    .action(async (flags: { output?: string; namespaced?: string; apiGroup?: string; headers: boolean }) => {
      if (flags.output && flags.output !== 'wide' && flags.output !== 'name') throw new CliError(`--output ${flags.output} is not available`);
      let resources = await discover(ctx);
      if (flags.namespaced !== undefined) resources = resources.filter((r) => String(r.namespaced) === flags.namespaced);
      if (flags.apiGroup !== undefined) resources = resources.filter((r) => r.group === flags.apiGroup);
      resources.sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
      if (flags.output === 'name') {
        for (const r of resources) ctx.out(r.group ? `${r.name}.${r.group}` : r.name);
        return;
      }
      const wide = flags.output === 'wide';
      const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
      const rows = resources.map((r) => [
        r.name,
        (r.shortNames ?? []).join(','),
        r.groupVersion,
        String(r.namespaced),
        r.kind,
        ...(wide ? [`[${r.verbs.join(' ')}]`, (r.categories ?? []).join(',')] : []),
      ]);
      ctx.io.stdout.write(alignCells(flags.headers ? [header, ...rows] : rows, { padding: 3 }).text);
    });
};
